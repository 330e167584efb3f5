import { test, expect } from '@playwright/test';
import { mainNav, signIn } from './common';

// At a phone's width: results first, the header folded into a menu.

test('on a phone the directory shows members first and its filters behind one button; the header folds into a menu', async ({ page }) => {
  await signIn(page, 'membre@example.org');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/annuaire');
  await expect(page.locator('#directory-count')).toBeVisible();

  // The first member is on the first screen; the facets wait behind "Filtres".
  const first = page.locator('article.member-card').first();
  await expect(first).toBeInViewport();
  const facets = page.getByRole('complementary', { name: 'Affiner' });
  await expect(facets).toBeHidden();
  const toggle = page.getByRole('button', { name: 'Filtres', exact: true });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(facets).toBeVisible();
  await facets.locator('fieldset[data-facet="region"]').getByRole('checkbox').first().check();
  await expect(page.getByRole('button', { name: 'Filtres (1)' })).toBeVisible();
  await expect(page).toHaveURL(/region=/);

  // The header: the bell and a menu button; the links come with the menu.
  const nav = mainNav(page);
  await expect(nav).toBeHidden();
  await expect(page.getByRole('link', { name: /^Notifications, / })).toBeVisible();
  const menu = page.getByRole('button', { name: 'Menu' });
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await nav.getByRole('link', { name: 'Missions' }).click();
  await expect(page.getByRole('heading', { name: 'Missions', level: 1 })).toBeVisible();
  await expect(nav).toBeHidden();

  // Back on a wide screen, everything is in the bar again.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(nav).toBeVisible();
  await expect(menu).toBeHidden();
});
