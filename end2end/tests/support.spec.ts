import { test, expect } from '@playwright/test';
import { signedIn } from './common';

test('a member files a request, the referent takes and answers it, the member sees it resolved', async ({ browser }) => {
  const member = await signedIn(browser, 'membre@example.org');
  await member.goto('/support');
  // Validation as one types: a field that was filled then emptied is flagged at once.
  await member.getByLabel('Objet').fill('x');
  await member.getByLabel('Objet').fill('');
  await expect(member.getByText('Ce champ est obligatoire.').first()).toBeVisible();
  await member.getByLabel('Catégorie').selectOption('communication_web');
  await member.getByLabel('Objet').fill('Vidéo de présentation pour le site');
  await member.getByLabel('Description').fill('Il faudrait monter une vidéo de 2 minutes.');
  await member.getByLabel('Outil ou adresse concerné').fill('https://theshifters.org');
  await member.getByLabel('Comment vous joindre').fill('Mattermost : @manon');
  await member.getByRole('button', { name: 'Envoyer la demande' }).click();
  const confirmation = member.getByRole('status');
  await expect(confirmation).toContainText(/Demande n° \d+ enregistrée/);
  const number = (await confirmation.textContent())!.match(/n° (\d+)/)![1];

  // The category's referent (Ilana, communication and web, as the seed's card names her) finds it and takes it.
  const referent = await signedIn(browser, 'com@example.org');
  await referent.goto('/support/file');
  await referent.getByRole('link', { name: 'Vidéo de présentation pour le site' }).click();
  await expect(referent.getByRole('heading', { name: `n° ${number} — Vidéo de présentation pour le site` })).toBeVisible();
  await referent.getByRole('button', { name: 'Prendre en charge' }).click();
  await expect(referent.getByText('Prise en charge par Ilana Toledano')).toBeVisible();
  // An internal note, then a question to the requester.
  await referent.getByLabel('Votre message').fill('Voir avec Claire pour le montage.');
  await referent.getByLabel('Note interne, invisible pour le demandeur').check();
  await referent.getByRole('button', { name: 'Envoyer', exact: true }).click();
  await expect(referent.getByText('Voir avec Claire pour le montage.')).toBeVisible();
  await referent.getByLabel('Votre message').fill('Avez-vous déjà les rushes ?');
  await referent.getByRole('button', { name: 'Demander des précisions' }).click();
  await expect(referent.getByText('Statut : En attente de vous')).toBeVisible();

  // The member sees the question, not the note, and answers.
  await member.goto(`/support/demandes/${number}`);
  await expect(member.getByText("L'équipe attend votre réponse.")).toBeVisible();
  await expect(member.getByText('Avez-vous déjà les rushes ?')).toBeVisible();
  await expect(member.getByText('Voir avec Claire')).toHaveCount(0);
  await member.getByLabel('Votre message').fill('Oui, sur le Drive.');
  await member.getByRole('button', { name: 'Envoyer', exact: true }).click();
  await expect(member.getByText('Oui, sur le Drive.')).toBeVisible();

  // The referent resolves it.
  await referent.reload();
  await expect(referent.getByText('Oui, sur le Drive.')).toBeVisible();
  await referent.getByLabel('Statut').selectOption('resolved');
  await referent.getByRole('button', { name: 'Appliquer' }).click();
  await expect(referent.getByText('Statut : Résolue')).toBeVisible();

  // The member sees it resolved, in the request and in their list, and may reopen it.
  await member.reload();
  await expect(member.locator('.badges .badge.resolved')).toHaveText('Résolue');
  await expect(member.getByRole('button', { name: 'Rouvrir la demande' })).toBeVisible();
  await member.goto('/support');
  const row = member.getByRole('row', { name: /Vidéo de présentation pour le site/ });
  await expect(row.getByText('Résolue')).toBeVisible();
});

test('the board sees the dashboard charts and the admin the support settings', async ({ browser }) => {
  const problems: string[] = [];
  const board = await signedIn(browser, 'ca@example.org');
  board.on('pageerror', (e) => problems.push(e.message));
  await board.goto('/support/tableau');
  await expect(board.getByRole('heading', { name: 'Tableau de bord du support' })).toBeVisible();
  await expect(board.locator('figure.chart svg')).toHaveCount(4);
  await expect(board.locator('figure.chart').first()).toContainText('Communication & web');

  const admin = await signedIn(browser, 'admin@example.org');
  admin.on('pageerror', (e) => problems.push(e.message));
  await admin.goto('/support/reglages');
  await expect(admin.getByRole('heading', { name: 'Catégories et référents' })).toBeVisible();
  await expect(admin.getByRole('heading', { name: 'Conseil', exact: true })).toBeVisible();
  await expect(admin.getByRole('heading', { name: 'Objectifs par urgence' })).toBeVisible();
  await expect(admin.getByRole('heading', { name: 'Notifications envoyées' })).toBeVisible();

  // A member is refused the team's pages.
  const member = await signedIn(browser, 'membre@example.org');
  await member.goto('/support/file');
  await expect(member.getByText('Cette page est réservée à : Référent support, CA, Administrateur.')).toBeVisible();
  await member.goto('/missions/revue');
  await expect(member.getByText('Cette page est réservée à : CA.')).toBeVisible();
  await expect(member.getByRole('heading', { name: 'Revue des fiches missions' })).toHaveCount(0);
  expect(problems).toEqual([]);
});
