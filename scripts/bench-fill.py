"""`make bench`'s data beyond the members: the needs register, mission cards
and support requests that a few years of use leave, created through the API
as members and the board would (so that every rule and event runs).

Usage: bench-fill.py BASE_URL PASSWORD NEEDS MISSIONS SUPPORT_REQUESTS
Needs are topped up to NEEDS; the cards and requests are added.
"""
import http.cookiejar
import json
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor

BASE, PASSWORD = sys.argv[1], sys.argv[2]
NEEDS, MISSIONS, REQUESTS = (int(n) for n in sys.argv[3:6])

TOOLS = ["Zoom", "Google Drive", "Excel", "Trello", "Mattermost", "WordPress", "Slack", "HelloAsso"]
TOPICS = [
    ("Visioconférence pour un groupe local", "internal_communication"),
    ("Partage de documents entre régions", "collaboration"),
    ("Inscriptions aux conférences", "forms"),
    ("Site du groupe local", "website"),
    ("Tableaux de bord des campagnes", "data"),
    ("Sauvegarde des fichiers du bureau", "hosting"),
]


def client(email):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    call(opener, "/api/auth/login", {"email": email, "password": PASSWORD})
    return opener


def call(opener, path, body):
    request = urllib.request.Request(
        BASE + path,
        data=json.dumps(body).encode(),
        headers={"content-type": "application/json", "origin": BASE},
    )
    with opener.open(request) as answer:
        return json.loads(answer.read() or b"null")


def many(count, make):
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(make, range(count)))


member, board = client("membre@example.org"), client("ca@example.org")


def need(i):
    title, category = TOPICS[i % len(TOPICS)]
    call(member, "/api/needs/create", {"need": {
        "title": f"{title} n° {i}", "description": f"Besoin {i} créé par le banc de mesure.",
        "origin": "working_group", "origin_name": f"GT Outils {i % 40}",
        "category": category,
        "people_affected": 10 + i % 200, "urgency": ["low", "normal", "high"][i % 3],
        "current_tool": TOOLS[i % len(TOOLS)], "gap": "Licences limitées",
        "priority": ["must", "should", "could", "wont"][i % 4],
    }})


def mission(i):
    draft = {
        "title": f"Mission de mesure n° {i}", "kind": "mission_shifter", "tsp_referent": "",
        "what": "1°) Recenser les outils\n2°) Proposer une cible", "when": "Objectif fin janvier",
        "deliverables": "Un inventaire partagé", "how_many": "1 pilote + 2 contributeurs",
        "region": "", "domains": ["Numérique"], "needs": [],
        "roles": [
            {"role": "pilot", "places": 1, "skills": ["Gestion de projet"], "commitment": "regular", "duration": "3 mois"},
            {"role": "contributor", "places": 2, "skills": ["Data"], "commitment": "light", "duration": "3 mois"},
        ],
    }
    saved = call(member, "/api/missions/save", {"id": None, "version": 0, "draft": draft})
    saved = call(member, "/api/missions/submit", {"id": saved["id"], "version": saved["version"]})
    call(board, "/api/missions/decide", {
        "id": saved["id"], "version": saved["version"], "decision": "approved", "reason": "Validée.",
    })


def support_request(i):
    call(member, "/api/support/create", {
        "category": "it_tools", "urgency": ["low", "normal", "high"][i % 3],
        "subject": f"Demande de mesure n° {i}", "description": "Une demande créée par le banc de mesure.",
    })


have = len(call(member, "/api/needs/list", {}))
many(max(0, NEEDS - have), lambda i: need(have + i))
many(MISSIONS, mission)
many(REQUESTS, support_request)
print(f"{max(have, NEEDS)} needs, {MISSIONS} mission cards and {REQUESTS} support requests added")
