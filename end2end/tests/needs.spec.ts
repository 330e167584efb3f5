import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { signIn, signedIn } from './common';

test('the register filters needs and keeps the filters in the address', async ({ page }) => {
  await signIn(page, 'membre@example.org');
  await page.goto('/besoins');
  await expect(page.getByText('13 besoins')).toBeVisible();
  await page.getByLabel('Catégorie').selectOption({ label: 'Communication interne' });
  await expect(page).toHaveURL(/category=internal_communication/);
  await expect(page.getByText('2 besoins')).toBeVisible();
  await expect(page.getByRole('link', { name: "Outil de communication interne sans limite d'historique" })).toBeVisible();
  await page.reload();
  await expect(page.getByText('2 besoins')).toBeVisible();
  await expect(page.getByLabel('Catégorie')).toHaveValue('internal_communication');
  await page.goto('/besoins?q=dropbox');
  await expect(page.getByText('1 besoin', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Alternative libre ou européenne à Dropbox' })).toBeVisible();
});

test('a member records a need after seeing similar ones, supports it and comments', async ({ page }) => {
  await signIn(page, 'membre@example.org');
  await page.goto('/besoins/nouveau');
  await page.getByLabel('Titre', { exact: true }).fill('Remplacer Dropbox par un stockage européen');
  const similar = page.locator('aside.similar');
  await expect(similar.getByRole('link', { name: 'Alternative libre ou européenne à Dropbox' })).toBeVisible();
  await page.getByRole('button', { name: 'Enregistrer le besoin' }).click();
  await expect(page.getByRole('heading', { name: 'Remplacer Dropbox par un stockage européen' })).toBeVisible();
  await expect(page.getByText('Aucun soutien')).toBeVisible();
  await page.getByRole('button', { name: 'Je soutiens ce besoin' }).click();
  await expect(page.getByText('1 soutien', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Retirer mon soutien' }).click();
  await expect(page.getByText('Aucun soutien')).toBeVisible();
  await page.getByLabel('Votre commentaire').fill('Le GT Outils en a besoin aussi.');
  await page.getByRole('button', { name: 'Publier' }).click();
  await expect(page.getByText('Le GT Outils en a besoin aussi.')).toBeVisible();
  await expect(page.locator('ol.history')).toContainText('Création');

  // Its author edits it while it is new.
  await page.getByRole('link', { name: 'Modifier le besoin' }).click();
  await expect(page.getByLabel('Titre', { exact: true })).toHaveValue('Remplacer Dropbox par un stockage européen');
  await page.getByLabel('Outil utilisé aujourd\'hui').fill('Dropbox');
  await page.getByRole('button', { name: 'Enregistrer le besoin' }).click();
  await expect(page.locator('dl.facts')).toContainText('Dropbox');
  await expect(page.locator('ol.history')).toContainText('Modification');
});

test('the IT coordination proposes a solution and the board decides on it', async ({ page, browser }) => {
  await signIn(page, 'admin@example.org');
  await page.goto('/besoins/architecture');
  await expect(page.locator('td strong', { hasText: /^Framaforms$/ })).toBeVisible();
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Proposer une solution' }) });
  await form.getByLabel('Titre', { exact: true }).fill('Framaforms pour les sondages');
  await form.getByLabel('Alternative libre ou européenne à Google Form').check();
  await form.getByLabel('Framaforms').check();
  await form.getByLabel('Délai (semaines)').fill('2');
  await form.getByLabel('Justification').fill('Libre, hébergé en France, déjà adopté.');
  await form.getByRole('button', { name: 'Proposer une solution' }).click();
  const solution = page.locator('li.solution', { hasText: 'Framaforms pour les sondages' });
  await expect(solution).toContainText('Brouillon');
  await solution.getByRole('button', { name: 'Soumettre au CA' }).click();
  await expect(solution).toContainText('Soumis au CA');

  const board = await signedIn(browser, 'ca@example.org');
  await board.goto('/besoins/architecture');
  const pending = board.locator('li.solution', { hasText: 'Framaforms pour les sondages' });
  await pending.getByRole('button', { name: 'Décision du CA' }).click();
  await expect(pending.getByText('Ce champ est obligatoire.')).toBeVisible();
  await pending.getByLabel('Décision').selectOption({ label: 'Accepté' });
  await pending.getByLabel('Motif écrit').fill('Voté au CA du 3 décembre');
  await pending.getByRole('button', { name: 'Décision du CA' }).click();
  await expect(pending).toContainText('Accepté par Malcolm Bernard');
  await expect(pending).toContainText('Voté au CA du 3 décembre');
  await pending.getByRole('link', { name: 'Alternative libre ou européenne à Google Form' }).click();
  await expect(board.locator('ol.history')).toContainText('Décision du CA');
  await board.context().close();

  // The admin reads it in the audit log.
  await page.goto('/admin/journal');
  await expect(page.getByText('Décision du CA sur une solution').first()).toBeVisible();
});

test('the specification exports the filtered needs as Markdown and CSV', async ({ page }) => {
  await signIn(page, 'membre@example.org');
  await page.goto('/besoins?category=internal_communication');
  await expect(page.getByText('2 besoins')).toBeVisible();
  await page.getByRole('button', { name: 'Exporter en Markdown' }).click();
  const preview = page.locator('pre.export-preview');
  await expect(preview).toContainText('## Indispensable');
  await expect(preview).toContainText('### Communication interne');
  await expect(preview).not.toContainText('Dropbox');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Télécharger cahier-des-charges-besoins.md' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('cahier-des-charges-besoins.md');
  const text = readFileSync((await download.path())!, 'utf-8');
  expect(text).toContain("**Outil de communication interne sans limite d'historique**");
  await page.getByRole('button', { name: 'Exporter en CSV' }).click();
  await expect(preview).toContainText('priorite;categorie;titre;statut;soutiens');
});

test('the dashboard draws its charts and the flags show on a need', async ({ page }) => {
  await signIn(page, 'membre@example.org');
  await page.goto('/besoins/tableau-de-bord');
  await expect(page.getByText('Besoins par statut')).toBeVisible();
  await expect(page.locator('figure.chart g.bar-row rect.bar').first()).toBeVisible();
  await expect(page.getByText(/besoins ouverts sur \d+ sont couverts/)).toBeVisible();
  await page.goto('/besoins?q=dropbox');
  await page.getByRole('link', { name: 'Alternative libre ou européenne à Dropbox' }).click();
  const flags = page.locator('section.flags');
  await expect(flags).toContainText('Dropbox');
  await expect(flags).toContainText('Refusé');
  await expect(flags).toContainText('Nextcloud');
});

test('a solution sent back is reworked in place, and a component is edited from its row', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signIn(page, 'admin@example.org');
  await page.goto('/besoins/architecture');
  const form = page.locator('#solution-form');
  await form.getByLabel('Titre', { exact: true }).fill('Nextcloud pour les fichiers');
  await form.getByLabel('Alternative libre ou européenne à Dropbox').check();
  await form.getByLabel('Justification').fill('Hébergé par une association.');
  await form.getByRole('button', { name: 'Proposer une solution' }).click();
  const solution = page.locator('li.solution', { hasText: 'Nextcloud pour les fichiers' });
  await solution.getByRole('button', { name: 'Soumettre au CA' }).click();
  await expect(solution).toContainText('Soumis au CA');

  const board = await signedIn(browser, 'ca@example.org');
  await board.goto('/besoins/architecture');
  const pending = board.locator('li.solution', { hasText: 'Nextcloud pour les fichiers' });
  await pending.getByLabel('Décision').selectOption({ label: 'À retravailler' });
  await pending.getByLabel('Motif écrit').fill('Chiffrez le coût annuel.');
  await pending.getByRole('button', { name: 'Décision du CA' }).click();
  await expect(pending).toContainText('À retravailler par Malcolm Bernard');
  await board.context().close();

  // The same solution comes back into the form, filled in; saved, it is still one solution.
  await page.reload();
  await solution.getByRole('button', { name: 'Modifier « Nextcloud pour les fichiers »' }).click();
  await expect(form.getByRole('heading', { name: 'Enregistrer la solution retravaillée' })).toBeVisible();
  await expect(form.getByLabel('Titre', { exact: true })).toHaveValue('Nextcloud pour les fichiers');
  await expect(form.getByLabel('Alternative libre ou européenne à Dropbox')).toBeChecked();
  await form.getByLabel('Coût annuel (€)').fill('120');
  await form.getByRole('button', { name: 'Enregistrer la solution retravaillée' }).click();
  await expect(form.getByRole('heading', { name: 'Proposer une solution' })).toBeVisible();
  await expect(solution).toHaveCount(1);
  await expect(solution).toContainText('120');
  await solution.getByRole('button', { name: 'Soumettre au CA' }).click();
  await expect(solution).toContainText('Soumis au CA');

  // A component is changed from its row, not by retyping its exact name.
  await page.getByRole('button', { name: 'Modifier « Framaforms »' }).click();
  const components = page.locator('#component-form');
  await expect(components.getByRole('heading', { name: 'Modifier le composant' })).toBeVisible();
  await expect(components.getByLabel('Titre', { exact: true })).toHaveValue('Framaforms');
  await components.getByLabel('Hébergement').fill('Framasoft, en France');
  await components.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(components.getByRole('heading', { name: 'Ajouter un composant' })).toBeVisible();
  const row = page.locator('tr', { has: page.locator('td strong', { hasText: /^Framaforms$/ }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Framasoft, en France');
});
