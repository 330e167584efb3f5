import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { mailbox } from '../playwright.config';
import { mainNav } from './common';

// The last link the portal mailed to `address`, if any.
function lastLinkTo(address: string): string | undefined {
  const text = fs.existsSync(mailbox) ? fs.readFileSync(mailbox, 'utf8') : '';
  const messages = text.split(/^From: /m).filter((m) => m.includes(`To: ${address}\r\n`));
  // A link is longer than a mail line: it travels quoted-printable, cut by soft breaks.
  const unfolded = messages.at(-1)?.replace(/=\r?\n/g, '');
  return unfolded?.match(/https?:\/\/\S+\/reinitialisation\/[0-9a-f]+/)?.[0];
}

async function askForLink(page: import('@playwright/test').Page, address: string) {
  await page.goto('/');
  await page.getByRole('link', { name: 'Première connexion ou mot de passe oublié ?' }).click();
  await expect(page.getByRole('heading', { name: 'Choisir mon mot de passe' })).toBeVisible();
  await page.getByLabel('Adresse e-mail').fill(address);
  await page.getByRole('button', { name: 'Recevoir le lien' }).click();
  await expect(page.getByRole('status')).toContainText('Si un compte existe pour cette adresse');
}

test('a member who never signed in gets a link by mail, chooses a password and signs in', async ({ page }) => {
  fs.writeFileSync(mailbox, '');
  // Imported with the demo data: in the directory, never signed in.
  const address = 'membre00007@shifters.example';
  await askForLink(page, address);
  await expect.poll(() => lastLinkTo(address)).toBeTruthy();
  const link = lastLinkTo(address)!;
  await page.goto(new URL(link).pathname);
  await page.getByLabel('Nouveau mot de passe').fill('mon mot de passe de Shifter');
  await page.getByLabel('Confirmer le mot de passe').fill('mon mot de passe de Shifter');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status')).toContainText('Mot de passe changé');
  await page.getByRole('link', { name: 'Aller à la connexion' }).click();
  await page.getByLabel('Adresse e-mail').fill(address);
  await page.getByLabel('Mot de passe').fill('mon mot de passe de Shifter');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(mainNav(page)).toBeVisible();
});

test('an unknown address gets the same page and no mail', async ({ page }) => {
  fs.writeFileSync(mailbox, '');
  await askForLink(page, 'personne@example.org');
  // The link for a real account would be out by now.
  await page.waitForTimeout(1_000);
  expect(fs.readFileSync(mailbox, 'utf8')).not.toContain('personne@example.org');
});

test('the sign-in page\'s links and the Back button change pages without reloading the portal', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  const loads: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('main_bg.wasm')) loads.push(r.url());
  });
  await page.getByRole('link', { name: 'Première connexion ou mot de passe oublié ?' }).click();
  await expect(page).toHaveURL(/\/acces$/);
  await expect(page.getByRole('heading', { name: 'Choisir mon mot de passe' })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { name: 'Choisir mon mot de passe' })).toBeVisible();
  await page.getByRole('link', { name: 'Retour à la connexion' }).click();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  expect(loads).toEqual([]);
});
