import { test, expect, Page } from '@playwright/test';

// Medians of 10 runs, printed as Markdown table rows for the bench report.
const RUNS = 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function signIn(page: Page) {
  await page.goto('/');
  await page.getByLabel('Adresse e-mail').fill('membre@example.org');
  await page.getByLabel('Mot de passe').fill(process.env.BENCH_PASSWORD ?? '');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeVisible();
}

/// Milliseconds from navigation start to the app's `portal-ready` mark.
async function readyAfterNavigation(page: Page, path: string): Promise<number> {
  await page.goto(path);
  await page.waitForFunction(() => performance.getEntriesByName('portal-ready').length > 0);
  return page.evaluate(() => performance.getEntriesByName('portal-ready')[0].startTime);
}

test('browser timings', async ({ page }) => {
  await signIn(page);
  const ready: number[] = [];
  for (let i = 0; i < RUNS; i++) ready.push(await readyAfterNavigation(page, '/'));

  // A deep link into an area: the first load plus the directory's chunk,
  // until the member count shows.
  const deepLink: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto('/annuaire');
    await expect(page.locator('#directory-count')).toBeVisible();
    deepLink.push(await page.evaluate(() => performance.now()));
  }

  // A filter change in the directory, until the list shows the new result.
  const filter: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto('/annuaire');
    const count = page.locator('#directory-count');
    await expect(count).toBeVisible();
    const before = await count.innerText();
    const region = page.getByRole('group', { name: 'Région' }).getByRole('checkbox').nth(i % 5);
    const started = await page.evaluate(() => performance.now());
    await region.check();
    await page.waitForFunction(
      (old) => {
        const el = document.getElementById('directory-count');
        return el !== null && el.textContent !== old;
      },
      before,
    );
    filter.push((await page.evaluate(() => performance.now())) - started);
  }
  console.log(`| Browser: navigation to usable app (portal-ready), median of ${RUNS} | ${median(ready).toFixed(0)} ms |`);
  console.log(`| Browser: deep link to the directory until its count shows (area chunk included), median of ${RUNS} | ${median(deepLink).toFixed(0)} ms |`);
  console.log(`| Browser: directory filter change to updated list, median of ${RUNS} | ${median(filter).toFixed(0)} ms |`);
});
