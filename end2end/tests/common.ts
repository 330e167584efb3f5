import { expect, Browser, Page } from '@playwright/test';
import { demoPassword } from '../playwright.config';

// Shared by the specs; not a spec itself (playwright.config.ts only runs *.spec.ts).

// The config hands this password to the demo server, so it is defined there only.
export { demoPassword };

// The accounts `portal serve --demo` creates, one per role. A typo is a type error, not a failed sign-in.
export type DemoAccount =
  | 'admin@example.org' // Agnès Morel, administrator
  | 'ca@example.org' // Malcolm Bernard, board
  | 'pilote@example.org' // Paul Lefèvre, pilot
  | 'referent@example.org' // Claire Martin, referent
  | 'membre@example.org' // Manon Girard, member
  | 'support@example.org' // Jean-Noël Geist, the support card's referent
  | 'com@example.org' // Ilana Toledano, referent for communication and web
  | 'data@example.org'; // Zeynep Kahraman, referent for the data portal

// The header navigation: it shows once someone is signed in and the app has started.
export const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Navigation principale' });

// Signs in through the form, as a person would, and waits until the portal is ready.
// `expectSignInPage` also checks the sign-in page shows first (portal.spec tests that page).
export async function signIn(page: Page, account: DemoAccount, { expectSignInPage = false } = {}) {
  await page.goto('/');
  if (expectSignInPage) await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await page.getByLabel('Adresse e-mail').fill(account);
  await page.getByLabel('Mot de passe').fill(demoPassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(mainNav(page)).toBeVisible();
}

// Another person in the same test: a context of their own, so their own session cookie.
export async function signedIn(browser: Browser, account: DemoAccount): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await signIn(page, account);
  return page;
}

// Page errors and Content-Security-Policy violations, gathered for an `expect(problems).toEqual([])`.
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) problems.push(m.text());
  });
  return problems;
}

// The header's bell, named with the unread count ("Notifications, 2 non lues").
export const bell = (page: Page) => page.getByRole('link', { name: /^Notifications, / });

// The bell's unread count, as its name says it.
export async function unread(page: Page): Promise<number> {
  const name = (await bell(page).getAttribute('aria-label')) ?? '';
  const n = name.match(/(\d+) non lue/);
  return n ? Number(n[1]) : 0;
}
