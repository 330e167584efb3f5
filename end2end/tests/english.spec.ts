import { test, expect, Page } from '@playwright/test';
import { signedIn } from './common';

// In English, what the server writes reads in English too: a notification
// written by a board member who reads French, a refused photo, the import's
// reasons. Each person is switched back to French at the end, so that what
// the portal writes to them in the later specs is French again.

const french = /vous a |Votre |Cette |Choisissez|Quelqu'un|n'est pas|déjà|impossible \(attendue/;

async function toEnglish(page: Page) {
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}

async function backToFrench(page: Page) {
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  // A request in French: the portal writes to them in French again.
  await page.goto('/notifications');
  await expect(page.getByRole('heading', { name: 'Notifications' })).toBeVisible();
}

test('in English, the server writes in English: a notification from a French-speaking board, a refused photo, the import\'s reasons', async ({ browser }) => {
  test.setTimeout(120_000);
  const claire = await signedIn(browser, 'referent@example.org');
  await toEnglish(claire);

  // A file that is not a photo: the server's reason, in English.
  await claire.goto('/profil');
  await claire.getByLabel('Photo', { exact: true }).setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('not an image') });
  await expect(claire.locator('.photo-editor .field-error')).toHaveText('This file is not a JPEG, PNG or WebP photo.');

  // The board, in French, names Claire co-pilot of Chat4ever.
  const board = await signedIn(browser, 'ca@example.org');
  await board.goto('/missions');
  await board.getByRole('link', { name: 'Chat4ever' }).click();
  const staff = board.getByRole('region', { name: 'Pilotes de la mission' });
  await staff.getByLabel('Chercher un membre').fill('Claire Martin');
  await staff.getByRole('button', { name: 'Chercher' }).click();
  await staff.getByRole('listitem').filter({ hasText: 'Claire Martin' }).getByRole('button', { name: 'Nommer co-pilote' }).click();
  await expect(staff.getByRole('button', { name: 'Retirer Claire Martin des pilotes' })).toBeVisible();

  // Claire reads it in English; switching the language rewrites the list.
  await claire.goto('/notifications');
  const told = 'Malcolm Bernard named you co-pilot of “Chat4ever”. You now see its applications there.';
  await expect(claire.getByText(told)).toBeVisible();
  await expect(claire.locator('main')).not.toContainText(french);
  await claire.getByRole('button', { name: 'Français' }).click();
  await expect(claire.getByText('Malcolm Bernard vous a nommé·e co-pilote de « Chat4ever ». Vous y voyez maintenant les candidatures.')).toBeVisible();
  await toEnglish(claire);
  await expect(claire.getByText(told)).toBeVisible();

  // The board puts the card back as it was.
  await staff.getByRole('button', { name: 'Retirer Claire Martin des pilotes' }).click();
  await expect(staff.getByRole('button', { name: 'Retirer Claire Martin des pilotes' })).toHaveCount(0);
  await backToFrench(claire);

  // An administrator checks a list in English: each rejected row's reason is English.
  const admin = await signedIn(browser, 'admin@example.org');
  await toEnglish(admin);
  await admin.goto('/admin/annuaire/import');
  const csv = 'Nom;Email;Date d\'adhésion\r\nAline Roux;aline@example.org;31/02/2024\r\nSans Adresse;;01/01/2024\r\nAline Bis;aline@example.org;01/01/2024\r\n';
  await admin.getByLabel('CSV file (Excel, LibreOffice, Outlook or Slack)').setInputFiles({ name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const rejected = admin.locator('.import-rejected');
  await expect(rejected).toContainText('impossible membership date (expected: DD/MM/YYYY)');
  await expect(rejected).toContainText('no e-mail address');
  await expect(rejected).not.toContainText(french);
  await admin.getByRole('button', { name: 'Cancel' }).click();
  await backToFrench(admin);
});
