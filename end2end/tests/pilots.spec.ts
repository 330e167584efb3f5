import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { bell, signedIn, unread } from './common';

// The seed's cards name no pilot: the board names one from the card, and the
// association's real missions can start.

test('the board names a pilot of Coordination SI; a member applies, the pilot is told and accepts; the team shows on the card and on both pages', async ({ browser }) => {
  test.setTimeout(120_000);
  const board = await signedIn(browser, 'ca@example.org');
  await board.goto('/missions');
  await board.getByRole('link', { name: 'Coordination SI' }).click();
  await expect(board.getByRole('heading', { name: 'Coordination SI' })).toBeVisible();
  // Filed as the seed files it; its board referent is an account, linked to his page.
  await expect(board.getByText('Nouvelles missions SI')).toBeVisible();
  await expect(board.getByRole('row', { name: /Référent CA/ }).getByRole('link', { name: 'Malcolm Bernard' })).toBeVisible();
  await expect(board.getByRole('row', { name: /Pilote Shifters/ })).toContainText('à désigner');

  // The board's tools pass axe-core too.
  const axe = await new AxeBuilder({ page: board }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  // The board looks Paul up in the directory and names him pilot.
  const pilot = await signedIn(browser, 'pilote@example.org');
  const before = await unread(pilot);
  const staff = board.getByRole('region', { name: 'Pilotes de la mission' });
  await staff.getByLabel('Chercher un membre').fill('Paul Lefèvre');
  await staff.getByRole('button', { name: 'Chercher' }).click();
  await staff.getByRole('listitem').filter({ hasText: 'Paul Lefèvre' }).getByRole('button', { name: 'Nommer pilote' }).click();
  await expect(board.getByRole('row', { name: /Pilote Shifters/ }).getByRole('link', { name: 'Paul Lefèvre' })).toBeVisible();
  await expect(staff.getByRole('button', { name: 'Retirer Paul Lefèvre des pilotes' })).toBeVisible();
  // Paul is told, in his open page.
  await expect(bell(pilot)).toHaveAttribute('aria-label', new RegExp(`${before + 1} non lue`));
  await pilot.goto('/notifications');
  await expect(pilot.getByText(/Malcolm Bernard vous a nommé·e pilote de « Coordination SI »/)).toBeVisible();

  // Zeynep applies; Paul's bell rings, he opens the card and accepts.
  const volunteer = await signedIn(browser, 'data@example.org');
  await volunteer.goto(board.url());
  await volunteer.getByLabel('Rôle', { exact: true }).selectOption({ label: 'Contributeur·rice' });
  await volunteer.getByLabel('Message aux pilotes').fill('Je m\'occupe du data-portal.');
  const told = await unread(pilot);
  await volunteer.getByRole('button', { name: 'Candidater' }).click();
  await expect(volunteer.getByRole('button', { name: 'Candidater' })).toHaveCount(0);
  await expect(bell(pilot)).toHaveAttribute('aria-label', new RegExp(`${told + 1} non lue`));
  await pilot.goto(board.url());
  await expect(pilot.getByText('Je m\'occupe du data-portal.')).toBeVisible();
  await pilot.getByRole('button', { name: 'Accepter' }).click();

  // The team shows on the card, and on both members' pages.
  const team = pilot.getByRole('list').filter({ hasText: 'Zeynep Kahraman' }).first();
  await expect(team).toContainText('Contributeur·rice');
  await expect(pilot.getByRole('list').filter({ hasText: 'Paul Lefèvre' }).first()).toContainText('Pilote');
  await team.getByRole('link', { name: 'Zeynep Kahraman' }).click();
  await expect(pilot.getByRole('heading', { name: 'Zeynep Kahraman' })).toBeVisible();
  await expect(pilot.getByRole('link', { name: 'Coordination SI' })).toBeVisible();
  await pilot.goBack();
  await pilot.getByRole('row', { name: /Pilote Shifters/ }).getByRole('link', { name: 'Paul Lefèvre' }).click();
  await expect(pilot.getByRole('heading', { name: 'Paul Lefèvre' })).toBeVisible();
  await expect(pilot.getByRole('link', { name: 'Coordination SI' })).toBeVisible();

  // Paul writes to the board on the card: the board's open page shows it without reloading.
  await pilot.goto(board.url());
  const talk = pilot.getByRole('region', { name: 'Échanges entre le CA et les pilotes' });
  await talk.getByLabel('Votre message').fill('Équipe constituée, on démarre lundi.');
  await talk.getByRole('button', { name: 'Envoyer' }).click();
  await expect(board.getByRole('region', { name: 'Échanges entre le CA et les pilotes' })).toContainText('Équipe constituée, on démarre lundi.');
  // Another member sees the card, never the conversation.
  await expect(volunteer.getByRole('region', { name: 'Échanges entre le CA et les pilotes' })).toHaveCount(0);
});
