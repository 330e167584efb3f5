import { test, expect, Page } from '@playwright/test';
import { collectProblems, DemoAccount, demoPassword, mainNav, signIn as signInAs } from './common';

// This spec covers the sign-in page too: each sign-in first checks that it shows.
const signIn = (page: Page, account: DemoAccount) => signInAs(page, account, { expectSignInPage: true });

test('a visitor sees only the sign-in page, even on a deep link', async ({ page }) => {
  await page.goto('/besoins');
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await expect(mainNav(page)).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
});

test('a wrong password says so in French and lets one try again', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Adresse e-mail').fill('membre@example.org');
  await page.getByLabel('Mot de passe').fill('ce-nest-pas-le-bon');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toContainText('Adresse e-mail ou mot de passe incorrect.');
  await page.getByLabel('Mot de passe').fill(demoPassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { name: 'Bonjour Manon Girard' })).toBeVisible();
});

test('a member navigates every section', async ({ page }) => {
  await signIn(page, 'membre@example.org');
  const nav = mainNav(page);

  await nav.getByRole('link', { name: 'Annuaire' }).click();
  await expect(page).toHaveURL(/\/annuaire(\?|$)/);
  await expect(page.getByRole('heading', { name: 'Annuaire des Shifters' })).toBeVisible();
  await expect(page.locator('#directory-count')).toHaveText(/^\d+ membres/);

  await nav.getByRole('link', { name: 'Besoins' }).click();
  await expect(page.getByRole('heading', { name: 'Besoins informatiques' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Alternative libre ou européenne à Dropbox' })).toBeVisible();

  await nav.getByRole('link', { name: 'Missions' }).click();
  await expect(page.getByRole('heading', { name: 'Missions', exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Chat4ever' }).click();
  await expect(page).toHaveURL(/\/missions\/[A-Za-z0-9_-]+$/);
  await expect(page.getByRole('cell', { name: 'Un CdC hiérarchisé' })).toBeVisible();

  await nav.getByRole('link', { name: 'Support' }).click();
  await expect(page.getByRole('heading', { name: "Demander de l'aide" })).toBeVisible();

  await nav.getByRole('link', { name: 'Accueil' }).click();
  await expect(page.getByRole('heading', { name: 'Bonjour Manon Girard' })).toBeVisible();
});

test('a deep link reloads on the same page', async ({ page }) => {
  await signIn(page, 'membre@example.org');
  await mainNav(page).getByRole('link', { name: 'Missions' }).click();
  await page.getByRole('link', { name: 'Coordination SI' }).click();
  const url = page.url();
  await page.reload();
  expect(page.url()).toBe(url);
  await expect(page.getByRole('heading', { name: 'Coordination SI' })).toBeVisible();
  await expect(page.getByRole('cell', { name: /Recenser tous les besoins SI existants/ })).toBeVisible();
});

test('an unknown address shows a helpful 404', async ({ page }) => {
  await signIn(page, 'membre@example.org');
  await page.goto('/nulle-part');
  await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();
  await page.getByRole('link', { name: "Retour à l'accueil" }).click();
  await expect(page.getByRole('heading', { name: /Bonjour/ })).toBeVisible();
});

test('the directory search lives in the URL', async ({ page }) => {
  await signIn(page, 'membre@example.org');
  await page.goto('/annuaire?region=Bretagne');
  await expect(page.getByRole('group', { name: 'Région' }).getByRole('checkbox', { name: /Bretagne/ })).toBeChecked();
  await page.getByLabel('Rechercher').fill('développement');
  await expect(page).toHaveURL(/q=d%C3%A9veloppement/);
  await expect(page.getByText(/membre|Aucun membre/).first()).toBeVisible();
});

test('a support request is confirmed with its number', async ({ page }) => {
  await signIn(page, 'membre@example.org');
  await page.goto('/support');
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await expect(page.getByText('Ce champ est obligatoire.').first()).toBeVisible();
  await page.getByLabel('Catégorie').selectOption('firefighter');
  await page.getByLabel('Objet').fill('Nos mails tombent en spam');
  await page.getByLabel('Description').fill('Depuis hier, les mails de TSP arrivent dans les spams.');
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await expect(page.getByRole('status')).toContainText(/Demande n° \d+ enregistrée/);
  await expect(page.getByRole('cell', { name: 'Nos mails tombent en spam' })).toBeVisible();
});

test('the interface switches to English and back', async ({ page }) => {
  await signIn(page, 'membre@example.org');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Directory' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Hello Manon Girard' })).toBeVisible();
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.getByRole('heading', { name: 'Bonjour Manon Girard' })).toBeVisible();
});

test('signing out returns to the sign-in page', async ({ page }) => {
  await signIn(page, 'pilote@example.org');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
});

test('no page breaks the Content-Security-Policy or throws', async ({ page }) => {
  const problems = collectProblems(page);
  await signIn(page, 'admin@example.org');
  for (const path of ['/annuaire', '/besoins', '/missions', '/support', '/compte', '/admin', '/admin/journal', '/admin/reglages']) {
    await page.goto(path);
    await expect(page.getByRole('main')).not.toContainText('Chargement…');
  }
  expect(problems).toEqual([]);
});

test('the sign-in page loads the visitor\'s part only; the portal comes on sign-in, each area once, on its first visit', async ({ page }) => {
  const wasm: string[] = [];
  page.on('request', (r) => {
    const file = new URL(r.url()).pathname.split('/').pop() ?? '';
    if (file.endsWith('.wasm')) wasm.push(file);
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(wasm).toEqual(['main_bg.wasm']);

  // Filling in the form starts fetching the member's portal (its chunk and
  // the shared ones it needs); signing in shows it.
  await page.getByLabel('Adresse e-mail').fill('admin@example.org');
  await page.getByLabel('Mot de passe').fill(demoPassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(mainNav(page)).toBeVisible();
  const splits = () => wasm.filter((f) => f.startsWith('split_')).map((f) => f.replace(/_\d+\.wasm$/, ''));
  expect(splits()).toEqual(['split_member_portal']);

  const nav = mainNav(page);
  for (const link of ['Annuaire', 'Besoins', 'Missions', 'Support', 'Annuaire']) {
    await nav.getByRole('link', { name: link, exact: true }).click();
    await page.waitForLoadState('networkidle');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  // One chunk per area, fetched once (the second visit to the directory
  // fetches nothing); no staff area for these pages.
  expect(splits().sort()).toEqual([
    'split_directory_area', 'split_member_portal', 'split_missions_area', 'split_needs_area', 'split_support_area',
  ]);

  // The administration area comes with its page, inside the same app; the way back works.
  await nav.getByRole('link', { name: 'Administration' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { name: 'Administration', level: 1 })).toBeVisible();
  expect(wasm.some((f) => f.startsWith('split_staff_admin_area'))).toBe(true);
  await mainNav(page).getByRole('link', { name: 'Annuaire', exact: true }).click();
  await expect(page.locator('#directory-count')).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Administration', level: 1 })).toBeVisible();
  expect(wasm.filter((f) => f === 'main_bg.wasm')).toHaveLength(1);
});

test('when an area cannot be fetched, the page says so and a reload brings it back', async ({ page }) => {
  await signIn(page, 'membre@example.org');
  await page.route(/split_needs_area_\d+\.wasm$/, (route) => route.abort('internetdisconnected'));
  const nav = mainNav(page);
  await nav.getByRole('link', { name: 'Besoins', exact: true }).click();
  const notice = page.getByRole('alert').filter({ hasText: 'Le portail s\'est interrompu' });
  await expect(notice).toBeVisible();
  await expect(notice.getByRole('link', { name: 'Recharger la page' })).toBeVisible();

  await page.unroute(/split_needs_area_\d+\.wasm$/);
  // The address had not changed yet (the router waits for the page's code).
  await notice.getByRole('link', { name: 'Recharger la page' }).click();
  await expect(notice).toHaveCount(0);
  await nav.getByRole('link', { name: 'Besoins', exact: true }).click();
  await expect(page).toHaveURL(/\/besoins$/);
  await expect(page.getByRole('heading', { name: 'Besoins informatiques', level: 1 })).toBeVisible();
});

test('pointing at a header link starts fetching its area before the click', async ({ page }) => {
  await signIn(page, 'membre@example.org');
  const missions = page.waitForRequest(/split_missions_area_\d+\.wasm$/);
  const nav = mainNav(page);
  await nav.getByRole('link', { name: 'Missions', exact: true }).hover();
  await missions;
  // The keyboard too.
  const needs = page.waitForRequest(/split_needs_area_\d+\.wasm$/);
  await nav.getByRole('link', { name: 'Besoins', exact: true }).focus();
  await needs;
  await expect(page).toHaveURL(/\/$/);
});
