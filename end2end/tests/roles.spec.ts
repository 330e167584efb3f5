import { test, expect } from '@playwright/test';
import { DemoAccount, mainNav, signIn } from './common';

const nonAdmins: DemoAccount[] = ['membre@example.org', 'pilote@example.org', 'referent@example.org', 'ca@example.org'];

for (const email of nonAdmins) {
  test(`${email} sees no administration and is refused it`, async ({ page }) => {
    await signIn(page, email);
    const nav = mainNav(page);
    await expect(nav.getByRole('link', { name: 'Annuaire' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Administration' })).toHaveCount(0);
    await page.goto('/admin');
    // One clear page says whom it is for, and leads back home.
    await expect(page.getByRole('heading', { name: 'Page réservée' })).toBeVisible();
    await expect(page.getByText('Cette page est réservée à : Administrateur.')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Administration' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: "Retour à l'accueil" })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'admin@example.org' })).toHaveCount(0);
  });
}

test('the board member sees the board role on the home page', async ({ page }) => {
  await signIn(page, 'ca@example.org');
  await expect(page.getByText('Vos rôles : Membre, CA')).toBeVisible();
});

test('an admin invites someone, who joins with the link', async ({ page, browser }) => {
  await signIn(page, 'admin@example.org');
  await mainNav(page).getByRole('link', { name: 'Administration' }).click();
  await page.getByLabel('Rechercher un compte').fill('membre@example.org');
  await expect(page.getByRole('cell', { name: 'membre@example.org' })).toBeVisible();

  const invite = page.locator('section', { has: page.getByRole('heading', { name: 'Inviter une personne' }) });
  await invite.getByLabel('Adresse e-mail').fill('invitee@example.org');
  await invite.getByLabel('Nom affiché').fill('Inès Invitée');
  await invite.getByLabel('Pilote').check();
  await invite.getByRole('button', { name: "Créer l'invitation" }).click();
  const link = await invite.locator('code.secret').textContent();
  expect(link).toMatch(/\/invitation\/[0-9a-f]{64}$/);

  // The invited person opens the link in another browser.
  const context = await browser.newContext({ locale: 'fr-FR' });
  const guest = await context.newPage();
  await guest.goto(new URL(link!).pathname);
  await expect(guest.getByRole('heading', { name: 'Bienvenue chez les Shifters' })).toBeVisible();
  await guest.getByLabel('Nouveau mot de passe').fill('motdepasse123');
  await guest.getByLabel('Confirmer le mot de passe').fill('motdepasse123');
  await guest.getByRole('button', { name: 'Activer mon compte' }).click();
  await expect(guest.getByText('Ce mot de passe est trop courant').first()).toBeVisible();
  await guest.getByLabel('Nouveau mot de passe').fill('les arbres de la place Bellecour');
  await guest.getByLabel('Confirmer le mot de passe').fill('les arbres de la place Bellecour');
  await guest.getByRole('button', { name: 'Activer mon compte' }).click();
  await expect(guest.getByRole('heading', { name: 'Bonjour Inès Invitée' })).toBeVisible();
  await expect(guest.getByText('Vos rôles : Membre, Pilote')).toBeVisible();
  await context.close();

  // The audit log tells the story.
  await page.getByRole('link', { name: "Journal d'audit" }).click();
  await expect(page.getByRole('cell', { name: 'Invitation acceptée' }).first()).toBeVisible();
  await page.getByLabel('Action').selectOption('invitation');
  await expect(page.getByRole('cell', { name: 'invitee@example.org' }).first()).toBeVisible();
});

test('the administrator pages through every account, imported ones included, and filters them', async ({ page }) => {
  await signIn(page, 'admin@example.org');
  await mainNav(page).getByRole('link', { name: 'Administration' }).click();
  // The demo's 60 imported members are listed with the 8 demo accounts: two pages.
  await expect(page.getByText('Page 1 sur 2')).toBeVisible();
  await page.getByRole('button', { name: 'Page suivante' }).click();
  await expect(page.getByText('Page 2 sur 2')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'membre@example.org' })).toBeVisible();
  // Imported members have never signed in; the administrator has.
  await page.getByLabel('État', { exact: true }).selectOption('never_signed_in');
  await expect(page.getByRole('cell', { name: 'membre00002@shifters.example' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'admin@example.org' })).toHaveCount(0);
  await page.getByLabel('État', { exact: true }).selectOption('');
  await page.getByLabel('Rôle', { exact: true }).selectOption('board');
  await expect(page.getByRole('cell', { name: 'ca@example.org' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'membre@example.org' })).toHaveCount(0);
});

test('a member turns on two-factor authentication from their account page', async ({ page }) => {
  await signIn(page, 'referent@example.org');
  await page.getByRole('link', { name: 'Claire Martin' }).click();
  await expect(page.getByRole('heading', { name: 'Mon compte' })).toBeVisible();
  await page.getByRole('button', { name: 'Activer la double authentification' }).click();
  await expect(page.locator('code.secret')).toHaveText(/^[A-Z2-7]{32}$/);
  await page.getByLabel('Code à 6 chiffres').fill('000000');
  await page.getByRole('button', { name: 'Confirmer' }).click();
  await expect(page.getByRole('alert')).toContainText('Certains champs sont à corriger.');
});

test('the administrator invites filtered accounts in bulk and follows the sending to its report', async ({ page }) => {
  await signIn(page, 'admin@example.org');
  await mainNav(page).getByRole('link', { name: 'Administration' }).click();
  // Ten imported members (membre00040 to membre00049), never signed in.
  await page.getByLabel('Rechercher un compte').fill('membre0004');
  await page.getByLabel('État', { exact: true }).selectOption('never_signed_in');
  await expect(page.getByText('10 compte(s)')).toBeVisible();
  const bulk = page.locator('section', { has: page.getByRole('heading', { name: 'Inviter ces comptes' }) });
  await bulk.getByRole('button', { name: "Préparer l'envoi…" }).click();
  await expect(bulk.getByRole('status')).toContainText('10 compte(s) correspondent, dont 0 invité(s) depuis moins de 7 jours.');
  await expect(bulk.getByRole('status')).toContainText('Rythme : 60 par minute');
  await bulk.getByRole('button', { name: 'Envoyer 10 invitation(s)' }).click();
  // One a second: the page follows without being reloaded, to the report.
  await expect(bulk.getByRole('status')).toContainText('Envoi terminé.', { timeout: 30_000 });
  await expect(bulk.getByRole('status')).toContainText('10 envoyée(s) sur 10, 0 en échec');
  // They are invited now: the same filters find nobody to invite again.
  await page.getByLabel('État', { exact: true }).selectOption('invited');
  await expect(page.getByRole('cell', { name: 'membre00045@shifters.example' })).toBeVisible();
});

test('the home page shows how complete the profile is, what is missing, and the way to it', async ({ page }) => {
  // Zeynep's demo card has no contact and no presentation yet.
  await signIn(page, 'data@example.org');
  const nudge = page.getByRole('region', { name: /Profil complet à \d+ %/ });
  await expect(nudge).toBeVisible();
  await expect(nudge).toContainText('Pour que les autres Shifters vous trouvent, ajoutez :');
  await nudge.getByRole('link', { name: 'Compléter mon profil' }).click();
  await expect(page).toHaveURL(/\/profil$/);
});
