import { test, expect, Page } from '@playwright/test';
import { bell, mainNav, signIn, signedIn, unread } from './common';

async function openReview(board: Page) {
  await board.goto('/missions/revue');
  await expect(board.getByRole('heading', { name: 'Revue des fiches missions' })).toBeVisible();
}

test('a member drafts, the board asks for a change, the member replies on the card and resubmits, the board sees the reply and the diff and approves, someone applies and is accepted', async ({ browser }) => {
  test.setTimeout(120_000);
  const member = await signedIn(browser, 'membre@example.org');
  await mainNav(member).getByRole('link', { name: 'Missions' }).click();
  await member.getByRole('link', { name: 'Proposer une mission' }).click();
  await expect(member.getByRole('heading', { name: 'Proposer une mission' })).toBeVisible();

  // The form says what is missing, shows the card as it will look, and saves as one types.
  await expect(member.getByText('À compléter avant de soumettre :')).toBeVisible();
  await member.getByLabel('Intitulé').fill('Annuaire des compétences');
  await expect(member.getByRole('status').filter({ hasText: 'Brouillon enregistré' })).toBeVisible();
  await member.getByLabel('Quoi ?').fill('Recenser les compétences des Shifters');
  await member.getByLabel('Quand ?').fill('Objectif fin mars (approx 10h de travail)');
  await member.getByLabel('Livrable(s)').fill('Un annuaire consultable');
  await member.getByLabel('Combien ?').fill('1 pilote + 1 contributeur');
  await member.getByRole('button', { name: 'Ajouter un rôle' }).click();
  const preview = member.getByRole('region', { name: 'Aperçu de la fiche' });
  await expect(preview.getByRole('heading', { name: 'Annuaire des compétences' })).toBeVisible();
  await expect(preview.getByRole('cell', { name: 'Un annuaire consultable' })).toBeVisible();
  await expect(member.getByText('La fiche est complète')).toBeVisible();
  await expect(member.getByRole('status').filter({ hasText: 'Brouillon enregistré' })).toBeVisible();

  // Nothing is lost when the tab goes away: the draft is in "my cards".
  await member.goto('/missions');
  await member.getByRole('link', { name: 'Annuaire des compétences' }).click();
  await expect(member.getByRole('cell', { name: 'Objectif fin mars (approx 10h de travail)' })).toBeVisible();
  await member.getByRole('link', { name: 'Modifier la fiche' }).click();
  await expect(member.getByLabel('Quand ?')).toHaveValue('Objectif fin mars (approx 10h de travail)');
  await member.getByRole('button', { name: 'Soumettre au CA' }).click();
  await expect(member.getByText('Fiche soumise au CA.')).toBeVisible();

  // The board asks for a change, with a reason.
  const board = await signedIn(browser, 'ca@example.org');
  await openReview(board);
  let card = board.getByRole('article', { name: 'Annuaire des compétences' });
  await expect(card.getByText('Première revue')).toBeVisible();
  await card.getByLabel('Décision').selectOption({ label: 'Modifications demandées' });
  await card.getByLabel('Motif (envoyé aux pilotes)').fill('Précisez la date de fin.');
  await card.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(board.getByText('Aucune fiche n\'attend le CA.')).toBeVisible();

  // The member is told, edits and resubmits.
  await member.goto('/missions');
  await expect(member.getByText(/Précisez la date de fin/)).toBeVisible();
  await member.getByRole('link', { name: 'Annuaire des compétences' }).first().click();
  await expect(member.getByText('Modifications demandées').first()).toBeVisible();
  // The request stands in the card's conversation with the board; the member answers there.
  const talk = member.getByRole('region', { name: 'Échanges entre le CA et les pilotes' });
  await expect(talk.getByText('Précisez la date de fin.')).toBeVisible();
  await talk.getByLabel('Votre message').fill('Fin au 31 mars : je corrige la fiche.');
  await talk.getByRole('button', { name: 'Envoyer' }).click();
  await expect(talk.getByText('Fin au 31 mars : je corrige la fiche.')).toBeVisible();
  await expect(talk.getByLabel('Votre message')).toHaveValue('');
  await member.getByRole('link', { name: 'Modifier la fiche' }).click();
  await member.getByLabel('Quand ?').fill('Objectif 31 mars (approx 10h de travail)');
  await expect(member.getByRole('status').filter({ hasText: 'Brouillon enregistré' })).toBeVisible();
  await member.getByRole('button', { name: 'Soumettre au CA' }).click();
  await expect(member.getByText('Fiche soumise au CA.')).toBeVisible();

  // The board sees exactly what changed, and approves.
  await openReview(board);
  card = board.getByRole('article', { name: 'Annuaire des compétences' });
  await expect(card.getByRole('heading', { name: 'Modifié depuis la dernière revue' })).toBeVisible();
  // The pilot's reply is there, beside the difference.
  await expect(card.getByRole('region', { name: 'Échanges entre le CA et les pilotes' })).toContainText('Fin au 31 mars : je corrige la fiche.');
  await expect(card.getByRole('cell', { name: 'Objectif fin mars (approx 10h de travail)' })).toBeVisible();
  await expect(card.getByRole('cell', { name: 'Objectif 31 mars (approx 10h de travail)' })).toBeVisible();
  await card.getByLabel('Décision').selectOption({ label: 'Validée' });
  await card.getByLabel('Motif (envoyé aux pilotes)').fill('Clair et utile.');
  await card.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(board.getByText('Aucune fiche n\'attend le CA.')).toBeVisible();

  // Another member finds it among the open missions and applies.
  const volunteer = await signedIn(browser, 'referent@example.org');
  await volunteer.goto('/missions');
  await volunteer.getByRole('link', { name: 'Annuaire des compétences' }).click();
  await expect(volunteer.getByRole('cell', { name: 'Manon Girard' })).toBeVisible();
  await volunteer.getByLabel('Rôle', { exact: true }).selectOption({ label: 'Contributeur·rice' });
  await volunteer.getByLabel('Message aux pilotes').fill('Je connais bien les annuaires.');
  const told = await unread(member);
  await volunteer.getByRole('button', { name: 'Candidater' }).click();
  await expect(volunteer.getByRole('button', { name: 'Candidater' })).toHaveCount(0);
  // The pilot's bell rings in their open page, without reloading.
  await expect(bell(member)).toHaveAttribute('aria-label', new RegExp(`${told + 1} non lue`));

  // The member, now its pilot, accepts: the team shows on the card.
  await member.goto(volunteer.url());
  await expect(member.getByText('Je connais bien les annuaires.')).toBeVisible();
  await member.getByRole('button', { name: 'Accepter' }).click();
  await expect(member.getByRole('list').filter({ hasText: 'Claire Martin' }).first()).toContainText('Contributeur·rice');
  await expect(member.getByText('Arrivée dans l\'équipe')).toBeVisible();
});

test('open missions filter, and "for you" ranks them', async ({ page }) => {
  await signIn(page, 'membre@example.org');
  await page.goto('/missions');
  await expect(page.getByRole('link', { name: 'Chat4ever' })).toBeVisible();
  await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Pilotage Shifters' });
  await expect(page.getByRole('link', { name: 'Chat4ever' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Support et conseil informatique & web' })).toBeVisible();
  // The filters live in the address: a reload, a shared link or "back" keeps them.
  await expect(page).toHaveURL(/\/missions\?type=pilotage_shifters$/);
  await page.reload();
  await expect(page.getByLabel('Type', { exact: true })).toHaveValue('pilotage_shifters');
  await expect(page.getByRole('link', { name: 'Chat4ever' })).toHaveCount(0);
  await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Tous les types' });
  await page.getByLabel('Pour vous').check();
  await expect(page).toHaveURL(/\/missions\?pour-vous=1$/);
  await expect(page.getByText('Classées selon vos compétences')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Chat4ever' })).toBeVisible();
});

test('a draft typed just before the tab closes is there when the form is reopened', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ locale: 'fr-FR' });
  let page = await context.newPage();
  await signIn(page, 'membre@example.org');
  await page.goto('/missions/nouvelle');
  await page.getByLabel('Intitulé').fill('Fiche fermée trop vite');
  await expect(page.getByRole('status').filter({ hasText: 'Brouillon enregistré' })).toBeVisible();

  // Typed, then the tab is closed well before the autosave's 800 ms.
  await page.getByLabel('Quoi ?').fill('Recenser les outils avant de fermer');
  await page.close({ runBeforeUnload: true });

  page = await context.newPage();
  const mine = page.getByRole('link', { name: 'Fiche fermée trop vite' });
  await expect(async () => {
    await page.goto('/missions');
    await mine.click({ timeout: 2_000 });
    await expect(page.getByRole('cell', { name: 'Recenser les outils avant de fermer' })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await page.getByRole('link', { name: 'Modifier la fiche' }).click();
  await expect(page.getByLabel('Quoi ?')).toHaveValue('Recenser les outils avant de fermer');
  // The server has it: nothing to restore from the browser.
  await expect(page.getByText('pas encore enregistrée, est restée sur cet appareil')).toHaveCount(0);
  const editUrl = page.url();

  // Offline, the edits cannot reach the server: the browser keeps a copy,
  // which the form offers when it is reopened once back online.
  await context.setOffline(true);
  await page.getByLabel('Livrable(s)').fill('Un inventaire partagé');
  await expect
    .poll(() => page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('draft:mission:') && k !== 'draft:mission:new')))
    .toBe(true);
  // Another tab stays open: the context outlives the closed one.
  const next = await context.newPage();
  const closed = page.waitForEvent('close');
  await page.close({ runBeforeUnload: true });
  await closed;
  await context.setOffline(false);
  page = next;
  await page.goto(editUrl);
  await expect(page.getByText('pas encore enregistrée, est restée sur cet appareil')).toBeVisible();
  await expect(page.getByLabel('Livrable(s)')).toHaveValue('');
  await page.getByRole('button', { name: 'Restaurer cette version' }).click();
  await expect(page.getByLabel('Livrable(s)')).toHaveValue('Un inventaire partagé');
  await expect(page.getByRole('status').filter({ hasText: 'Brouillon enregistré' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Livrable(s)')).toHaveValue('Un inventaire partagé');
  await expect(page.getByText('pas encore enregistrée, est restée sur cet appareil')).toHaveCount(0);
});

test('drafts kept in the browser are removed at sign-out', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await signIn(page, 'membre@example.org');
  await page.goto('/missions/nouvelle');
  await expect(page.getByLabel('Intitulé')).toBeVisible();
  await context.setOffline(true);
  await page.getByLabel('Intitulé').fill('Brouillon sur un ordinateur partagé');
  const drafts = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('draft:')).length);
  await expect.poll(drafts).toBeGreaterThan(0);
  await context.setOffline(false);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible();
  expect(await drafts()).toBe(0);
  await context.close();
});

test('the board removes the referent it named', async ({ browser }) => {
  const member = await signedIn(browser, 'membre@example.org');
  await member.goto('/missions/nouvelle');
  await member.getByLabel('Intitulé').fill('Référent à changer');
  await member.getByLabel('Quoi ?').fill('Changer de référent');
  await member.getByLabel('Quand ?').fill('Tout de suite');
  await member.getByLabel('Livrable(s)').fill('Un référent');
  await member.getByLabel('Combien ?').fill('1 pilote');
  await expect(member.getByText('La fiche est complète')).toBeVisible();
  await expect(member.getByRole('status').filter({ hasText: 'Brouillon enregistré' })).toBeVisible();
  await member.getByRole('button', { name: 'Soumettre au CA' }).click();
  await expect(member.getByText('Fiche soumise au CA.')).toBeVisible();

  const board = await signedIn(browser, 'ca@example.org');
  await openReview(board);
  const card = board.getByRole('article', { name: 'Référent à changer' });
  await card.getByLabel('Référent CA').selectOption({ label: 'Malcolm Bernard' });
  await card.getByRole('button', { name: 'Nommer' }).click();
  await expect(card.getByText('Référent CA : Malcolm Bernard')).toBeVisible();
  await card.getByRole('button', { name: 'Retirer le référent' }).click();
  await expect(card.getByText('Référent CA : Malcolm Bernard')).toHaveCount(0);
  await expect(card.getByRole('button', { name: 'Retirer le référent' })).toHaveCount(0);
});
