import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { DemoAccount, signIn } from './common';

// Accessibility: every page a role reaches passes axe-core's WCAG 2.1 A and AA rules.

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const pages: [DemoAccount, string, string][] = [
  ['membre@example.org', '/', 'h1'],
  ['membre@example.org', '/annuaire', '#directory-count'],
  ['membre@example.org', '/profil', 'h1'],
  ['membre@example.org', '/besoins', 'h1'],
  ['membre@example.org', '/missions', 'h1'],
  ['membre@example.org', '/support', 'h1'],
  ['membre@example.org', '/compte', 'h1'],
  ['membre@example.org', '/notifications', 'h1'],
  ['ca@example.org', '/annuaire/activation', 'table.activation'],
  ['ca@example.org', '/missions/revue', 'h1'],
  ['admin@example.org', '/admin', 'table'],
  ['admin@example.org', '/admin/journal', 'table'],
  ['admin@example.org', '/admin/reglages', 'h1'],
  ['admin@example.org', '/admin/annuaire', 'h1'],
  ['admin@example.org', '/admin/annuaire/import', '#import-file'],
  ['membre@example.org', '/besoins/nouveau', 'h1'],
  ['pilote@example.org', '/missions/nouvelle', 'h1'],
  ['referent@example.org', '/support/file', 'h1'],
  ['ca@example.org', '/besoins/tableau-de-bord', 'h1'],
  ['ca@example.org', '/besoins/architecture', 'h1'],
  ['admin@example.org', '/support/reglages', 'h1'],
  // What a member meets on a staff page.
  ['membre@example.org', '/admin', 'h1'],
];

for (const path of ['/', '/acces']) {
  test(`${path} signed out passes axe-core`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('h1').first()).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
}

for (const [account, path, ready] of pages) {
  test(`${path} as ${account} passes axe-core`, async ({ page }) => {
    await signIn(page, account);
    await page.goto(path);
    await expect(page.locator(ready).first()).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
}

test('the board reads the activation of the accounts per region', async ({ page }) => {
  await signIn(page, 'ca@example.org');
  await page.goto('/annuaire');
  await page.getByRole('link', { name: 'Activation des comptes' }).click();
  const table = page.locator('table.activation');
  await expect(table.locator('caption')).toContainText('comptes activés sur');
  await expect(table.getByRole('rowheader', { name: 'Bretagne' })).toBeVisible();
});

test('the administrator pages through the audit log and keeps to a range of days', async ({ page }) => {
  await signIn(page, 'admin@example.org');
  await page.goto('/admin/journal');
  const status = page.getByRole('status');
  await expect(status).toContainText('entrée(s)');
  // Nothing happened before the portal existed.
  await page.getByLabel('Au (inclus)').fill('2020-01-01');
  await expect(status).toHaveText('0 entrée(s)');
  await page.getByLabel('Au (inclus)').fill('');
  await page.getByLabel('Du').fill('2020-01-01');
  await expect(status).not.toHaveText('0 entrée(s)');
});
