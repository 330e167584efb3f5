import { test, expect } from '@playwright/test';
import { bell, signedIn, unread } from './common';

// The notification centre and the live channel: what one person does shows
// on another's open page and bell without reloading.

test('two members: one answers, the other sees it and their bell without reloading', async ({ browser }) => {
  const member = await signedIn(browser, 'membre@example.org');
  await member.goto('/support');
  await member.getByLabel('Catégorie').selectOption('it_tools');
  await member.getByLabel('Objet').fill('Accès au Drive partagé');
  await member.getByLabel('Description').fill("Je n'ai plus accès au dossier de l'équipe.");
  await member.getByRole('button', { name: 'Envoyer la demande' }).click();
  const confirmation = member.getByRole('status');
  await expect(confirmation).toContainText(/Demande n° \d+ enregistrée/);
  const number = (await confirmation.textContent())!.match(/n° (\d+)/)![1];
  await member.goto(`/support/demandes/${number}`);
  await expect(member.getByRole('heading', { name: `n° ${number} — Accès au Drive partagé` })).toBeVisible();
  await expect(bell(member)).toBeVisible();
  const before = await unread(member);
  // What the member is typing survives the page's live refresh.
  await member.getByLabel('Votre message').fill('Je précise : le dossier « Comm »');

  // The referent answers in their own browser.
  const referent = await signedIn(browser, 'referent@example.org');
  await referent.goto(`/support/demandes/${number}`);
  await referent.getByLabel('Votre message').fill('Je regarde cela tout de suite.');
  await referent.getByRole('button', { name: 'Envoyer', exact: true }).click();
  await expect(referent.getByText('Je regarde cela tout de suite.')).toBeVisible();

  // The member's page and bell follow, with no reload (within the usual
  // 5 s wait; the speed is measured, not asserted).
  await expect(member.getByText('Je regarde cela tout de suite.')).toBeVisible();
  await expect(bell(member)).toHaveAttribute('aria-label', new RegExp(`${before + 1} non lue`));
  await expect(member.getByLabel('Votre message')).toHaveValue('Je précise : le dossier « Comm »');

  // The member answers: the referent's page follows too.
  await member.getByRole('button', { name: 'Envoyer', exact: true }).click();
  await expect(referent.getByText('Je précise : le dossier « Comm »')).toBeVisible();

  // The centre: the notification leads to the request and is then read.
  await bell(member).click();
  await expect(member.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
  const item = member.getByRole('link', { name: `Claire Martin a répondu à votre demande n° ${number} : « Accès au Drive partagé »` });
  await item.click();
  await expect(member.getByRole('heading', { name: `n° ${number} — Accès au Drive partagé` })).toBeVisible();
  await expect(bell(member)).toHaveAttribute('aria-label', new RegExp(before === 0 ? 'aucune non lue' : `${before} non lue`));

  // Everything read at once, and a choice per kind.
  await bell(member).click();
  if (before > 0) {
    await member.getByRole('button', { name: 'Tout marquer comme lu' }).click();
    await expect(member.getByText('Tout est lu.')).toBeVisible();
  }
  await expect(bell(member)).toHaveAttribute('aria-label', 'Notifications, aucune non lue');
  const support = member.getByRole('group', { name: 'Vos demandes de support' });
  await support.getByLabel('Résumé du matin').check();
  await member.getByRole('button', { name: 'Enregistrer mes choix' }).click();
  await expect(member.getByText('Vos choix sont enregistrés.')).toBeVisible();
  await member.reload();
  await expect(member.getByRole('group', { name: 'Vos demandes de support' }).getByLabel('Résumé du matin')).toBeChecked();
  // Back to the default for the other tests.
  await member.getByRole('group', { name: 'Vos demandes de support' }).getByLabel('Courriel tout de suite').check();
  await member.getByRole('button', { name: 'Enregistrer mes choix' }).click();
  await expect(member.getByText('Vos choix sont enregistrés.')).toBeVisible();
});
