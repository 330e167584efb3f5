import { readFileSync } from 'node:fs';
import { test, expect, Page } from '@playwright/test';
import { join } from 'node:path';
import { collectProblems, mainNav, signIn } from './common';

// directory (issue 4): search, filters, a shared URL, profile editing and visibility.

const count = (page: Page) => page.locator('#directory-count');

test('a member searches, filters, and shares the search by its URL', async ({ page, browser }) => {
  const problems = collectProblems(page);
  await signIn(page, 'membre@example.org');
  await mainNav(page).getByRole('link', { name: 'Annuaire' }).click();
  await expect(count(page)).toHaveText('68 membres');

  // Pages: the next one only when asked for, and it stays put.
  const pager = page.getByRole('navigation', { name: 'Pagination' });
  await expect(pager).toContainText('Page 1 sur 3');
  await pager.getByRole('button', { name: 'Page suivante' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(pager).toContainText('Page 2 sur 3');
  await page.waitForTimeout(500);
  await expect(pager).toContainText('Page 2 sur 3');
  await expect(pager.getByRole('button')).toHaveText(['Page précédente', 'Page suivante']);
  await pager.getByRole('button', { name: 'Page précédente' }).click();
  await expect(pager).toContainText('Page 1 sur 3');

  // As you type, without accents.
  await page.getByLabel('Rechercher').fill('developpement');
  await expect(page).toHaveURL(/q=developpement/);
  await expect(count(page)).not.toHaveText('68 membres');
  const found = Number((await count(page).innerText()).split(' ')[0]);
  expect(found).toBeGreaterThan(0);

  // A region filter shows its count, and choosing it gives that many members.
  const regions = page.getByRole('group', { name: 'Région' });
  const first = regions.locator('.facet-value').first();
  const region = (await first.locator('span').first().innerText()).trim();
  const expected = Number(await first.locator('.count').innerText());
  await first.getByRole('checkbox').check();
  await expect(page).toHaveURL(new RegExp(`region=${encodeURIComponent(region).replace(/[()']/g, '.')}`));
  await expect(count(page)).toHaveText(expected === 1 ? '1 membre' : `${expected} membres`);

  // Sorted by seniority, shown as a table.
  await page.getByLabel('Trier par').selectOption('seniority');
  await page.getByRole('button', { name: 'Tableau' }).click();
  await expect(page).toHaveURL(/tri=seniority/);
  await expect(page).toHaveURL(/vue=tableau/);
  await expect(page.getByRole('columnheader', { name: 'Ancienneté' })).toBeVisible();

  // The same URL, opened elsewhere, shows the same search.
  const shared = page.url();
  const other = await browser.newPage();
  await signIn(other, 'pilote@example.org');
  await other.goto(shared);
  await expect(other.getByLabel('Rechercher')).toHaveValue('developpement');
  await expect(other.getByRole('group', { name: 'Région' }).getByRole('checkbox').first()).toBeChecked();
  await expect(count(other)).toHaveText(expected === 1 ? '1 membre' : `${expected} membres`);
  await expect(other.getByRole('columnheader', { name: 'Ancienneté' })).toBeVisible();

  // Clearing everything brings everyone back; a member's page opens from a card.
  await page.getByRole('button', { name: 'Tout effacer' }).click();
  await expect(count(page)).toHaveText('68 membres');
  await page.getByRole('button', { name: 'Fiches' }).click();
  await page.getByLabel('Rechercher').fill('Manon Girard');
  await page.getByRole('main').getByRole('link', { name: 'Manon Girard' }).click();
  await expect(page.getByRole('heading', { name: 'Manon Girard', level: 1 })).toBeVisible();
  await expect(page.getByText('Voici votre page telle que les autres membres la voient.')).toBeVisible();

  // Export of the selection: real downloads from the server, for the search on screen.
  await page.goto('/annuaire?region=Bretagne');
  await expect(page.getByRole('link', { name: 'Excel (CSV)' })).toHaveAttribute(
    'href',
    '/api/directory/export/excel?region=Bretagne&lang=fr',
  );
  await expect(page.getByText("Pour Outlook, importez le fichier « Outlook (CSV) »")).toBeVisible();
  const [outlook] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Outlook (CSV)' }).click(),
  ]);
  expect(outlook.suggestedFilename()).toMatch(/^annuaire-shifters-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await outlook.path())!, 'utf-8');
  expect(csv.startsWith('\uFEFFFirst Name,Last Name,Company,')).toBe(true);
  const [vcard] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: "Carnet d'adresses (vCard)" }).click(),
  ]);
  expect(vcard.suggestedFilename()).toMatch(/\.vcf$/);
  expect(readFileSync((await vcard.path())!, 'utf-8')).toContain('BEGIN:VCARD\r\nVERSION:3.0\r\n');
  expect(problems).toEqual([]);
});

test('a member edits their profile and hides a field from other members', async ({ page, browser }) => {
  await signIn(page, 'membre@example.org');
  await mainNav(page).getByRole('link', { name: 'Mon profil' }).click();
  await expect(page.getByRole('heading', { name: 'Mon profil' })).toBeVisible();
  await expect(page.getByText(/Profil complet à \d+ %/)).toBeVisible();
  await expect(page.getByText('Pour que les autres Shifters vous trouvent, ajoutez :')).toBeVisible();

  await page.getByLabel('Métier').fill('Garde forestière');
  await page.locator('#visibility-profession').selectOption('board');
  await page.getByLabel('Présentation').fill('J’aime les **forêts** et [les ruches](https://exemple.org).');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Profil enregistré.')).toBeVisible();

  // Reloaded, the choice is kept.
  await page.reload();
  await expect(page.getByLabel('Métier')).toHaveValue('Garde forestière');
  await expect(page.locator('#visibility-profession')).toHaveValue('board');

  // Another member neither sees nor finds it; the board does.
  const member = await browser.newPage();
  await signIn(member, 'pilote@example.org');
  await member.goto('/annuaire?q=forestiere');
  await expect(count(member)).toHaveText('Aucun membre');
  await expect(member.getByText('Personne ne correspond à cette recherche.', { exact: false })).toBeVisible();
  await member.goto('/annuaire?q=Manon%20Girard');
  await member.getByRole('main').getByRole('link', { name: 'Manon Girard' }).click();
  await expect(member.getByRole('heading', { name: 'Manon Girard', level: 1 })).toBeVisible();
  await expect(member.getByText('Garde forestière')).toHaveCount(0);
  await expect(member.locator('.markdown strong')).toHaveText('forêts');

  const board = await browser.newPage();
  await signIn(board, 'ca@example.org');
  await board.goto('/annuaire?q=forestiere');
  await expect(count(board)).toHaveText('1 membre');
  await expect(board.getByText('Garde forestière')).toBeVisible();

  // A bad value is named next to its field, nothing saved.
  await page.locator('#profile-phone').fill('appelez-moi');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Cette valeur n’est pas valide.', { exact: false }).or(page.locator('.profile-row .field-error:not(:empty)'))).toBeVisible();

  // GDPR: the data is ready to download.
  await page.getByRole('button', { name: 'Préparer mes données (JSON)' }).click();
  await expect(page.getByRole('link', { name: 'Télécharger mes-donnees.json' })).toHaveAttribute('href', /^data:application\/json/);
});

test('an administrator keeps the domains list', async ({ page }) => {
  await signIn(page, 'admin@example.org');
  await page.goto('/admin/annuaire');
  await page.getByLabel('Nouveau domaine').fill('Océans');
  await page.getByRole('button', { name: 'Ajouter' }).click();
  await expect(page.locator('.domains')).toContainText('Océans');
  await expect(page.getByText('Aucune demande en attente.')).toBeVisible();
});

// An 8 x 8 PNG, as a member would choose from their disk.
const smallPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAOUlEQVR4nHXJMREAIAwEQYQhgvrriIgIRERERJwshj7f7i62OCJEiitKtEDr6xzhIl1cF+WiXTDHA3OfazH8OmwcAAAAAElFTkSuQmCC',
  'base64',
);

test('a member uploads a photo, sees it on their profile and page, and removes it', async ({ page }) => {
  await signIn(page, 'membre@example.org');
  await page.goto('/profil');
  const editor = page.locator('.photo-editor');
  await expect(editor.locator('span.avatar')).toHaveText('MG');

  await page.getByLabel('Photo', { exact: true }).setInputFiles({ name: 'moi.png', mimeType: 'image/png', buffer: smallPng });
  const img = editor.locator('img.avatar');
  await expect(img).toHaveAttribute('src', /^\/api\/photos\/.+\?v=\d+$/);
  // Served as the server re-encoded it: a 256 px square.
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(256);

  // A file that is not a photo is refused with the server's reason; the photo stays.
  await page.getByLabel('Photo', { exact: true }).setInputFiles({ name: 'faux.png', mimeType: 'image/png', buffer: Buffer.from('pas une image') });
  await expect(editor.locator('.field-error')).toHaveText('Ce fichier n\'est pas une photo JPEG, PNG ou WebP.');
  await expect(img).toBeVisible();

  await page.getByRole('link', { name: 'Voir ma page' }).click();
  await expect(page.locator('.member-head img.avatar')).toHaveAttribute('src', /^\/api\/photos\//);

  await page.goto('/profil');
  await page.getByRole('button', { name: 'Retirer la photo' }).click();
  await expect(editor.locator('span.avatar')).toHaveText('MG');
});

test('an administrator imports the association\'s French Excel list, accents and faulty rows included', async ({ page }) => {
  // Saved by French Excel as "CSV (séparateur : point-virgule)": Windows-1252, CRLF.
  const csv = readFileSync(join(__dirname, '../../server/tests/fixtures/membres-excel-windows-1252.csv'));
  await signIn(page, 'admin@example.org');
  await page.goto('/admin/annuaire');
  await page.getByRole('link', { name: 'Importer des membres (CSV)' }).click();
  const file = page.getByLabel('Fichier CSV (Excel, LibreOffice, Outlook ou Slack)');
  const status = page.locator('#import-status');
  const checked = '8 lignes vérifiées sur 8 — 5 valides (dont 1 déjà dans le portail), 3 rejetées';

  // Checked, then cancelled: back to the start, nothing imported.
  await file.setInputFiles({ name: 'membres.csv', mimeType: 'text/csv', buffer: csv });
  await expect(status).toHaveText(checked);
  await page.getByRole('button', { name: 'Annuler' }).click();
  await expect(file).toBeVisible();

  await file.setInputFiles({ name: 'membres.csv', mimeType: 'text/csv', buffer: csv });
  await expect(status).toHaveText(checked);
  await expect(page.getByText('Lu comme windows-1252.')).toBeVisible();
  // Separate Prénom and Nom columns; the accents of the file are intact.
  await expect(page.getByLabel('Champ de la colonne « Prénom »')).toHaveValue('prenom');
  await expect(page.getByLabel('Champ de la colonne « Nom »')).toHaveValue('nom_de_famille');
  await expect(page.getByLabel('Champ de la colonne « Date d\'adhésion »')).toHaveValue('membre_depuis');
  await expect(page.locator('table.import-mapping')).toContainText('Lefèvre');
  await expect(page.locator('table.import-mapping')).toContainText('Cœur-Joie');
  const rejected = page.locator('.import-rejected');
  await expect(rejected).toContainText('1 ligne — sans adresse e-mail : 5');
  await expect(rejected).toContainText('1 ligne — adresse déjà présente plus haut dans le fichier : 6');
  await expect(rejected).toContainText('1 ligne — date d\'adhésion impossible (attendue : JJ/MM/AAAA) : 7');
  await expect(page.getByLabel('Compléter ces profils (seuls les champs vides sont remplis, rien n\'est écrasé)')).toBeChecked();

  await page.getByRole('button', { name: 'Importer 5 membres' }).click();
  await page.getByRole('button', { name: 'Oui, importer' }).click();
  await expect(page.getByText('4 membres importés, 1 profil(s) complété(s).')).toBeVisible();
  await expect(rejected).toContainText('sans adresse e-mail : 5');

  for (const name of ['Zoé Lefèvre', 'Anaïs Cœur-Joie']) {
    await page.goto(`/annuaire?q=${encodeURIComponent(name)}`);
    await expect(page.getByRole('link', { name })).toBeVisible();
  }
});
