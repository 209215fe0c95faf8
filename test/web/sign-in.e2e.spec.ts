import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import axe from 'axe-core';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { freePort, REPO_ROOT, startProduct, stopProduct, waitUntilReady, type ProductProcess } from '../support/product-process';

jest.setTimeout(240_000);

/** Screenshots to look at (git-ignored). */
const ARTIFACTS = path.join(REPO_ROOT, 'test', 'artifacts');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** axe-core in the page (evaluated, not a <script>: the CSP allows no inline script), serious and critical violations only. */
async function seriousA11yViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    // Runs in the page (the test project's types have no DOM): its global is the window.
    const page = globalThis as unknown as { axe: typeof axe; document: axe.ElementContext };
    const result = await page.axe.run(page.document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => `${String(n.target)} ${n.html.slice(0, 160)}`).join(', ') }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets}`);
}

async function screenshots(page: Page, name: string): Promise<void> {
  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${size}.png`), fullPage: true, caret: 'initial' });
  }
  await page.setViewportSize(DESKTOP);
}

describe('the web application in Chromium, against the product started as `npm start` starts it', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-web-e2e-'));
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-web-chromium-'));
  let product: ProductProcess;
  let context: BrowserContext;
  let page: Page;
  /** Every message the browser logged about the Content Security Policy (none expected). */
  const cspViolations: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    product = startProduct({ DATA_DIR: dataDir, DEMO: '0' }, await freePort());
    await waitUntilReady(product);
    context = await chromium.launchPersistentContext(profileDir, { executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS, headless: true, viewport: DESKTOP, locale: 'fr-FR' });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(`${m.text()} at ${JSON.stringify(m.location())} (${page.url()})`);
    });
  });
  afterAll(async () => {
    await context?.close();
    if (product) await stopProduct(product);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(profileDir, { recursive: true, force: true });
  });

  it('sends a signed-out visitor to sign-in keeping the URL, refuses a wrong password, has the one-time password changed, follows an expired session, shows the overview, signs out', async () => {
    const oneTimePassword = /First administrator created: admin@localhost, one-time password (\S+) /.exec(product.output())?.[1] as string;
    expect(oneTimePassword).toMatch(/^[A-Za-z0-9_-]{16}$/);

    // A deep link, signed out: to the sign-in page, the link kept as ?next=.
    await page.goto(`${product.baseUrl}/administration?territoire=national`);
    await page.waitForURL(`${product.baseUrl}/connexion?next=%2Fadministration%3Fterritoire%3Dnational`);
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'sign-in');

    // A wrong password: said in words, nothing else.
    await page.getByLabel('Adresse e-mail').fill('admin@localhost');
    await page.getByLabel('Mot de passe').fill('not the password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').getByText('Adresse e-mail ou mot de passe incorrect.').waitFor();
    await screenshots(page, 'sign-in-error');

    // The one-time password: first the password change, then where the person was going.
    await page.getByLabel('Mot de passe').fill(oneTimePassword);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Choisir votre mot de passe' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'password-change');
    await page.getByLabel('Mot de passe actuel (provisoire)').fill(oneTimePassword);
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('a long enough passphrase');
    await page.getByLabel('Confirmez le nouveau mot de passe').fill('a long enough passphrase');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.waitForURL(`${product.baseUrl}/administration?territoire=national`);
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();

    // The session ends (idle, revoked…): the next GraphQL answer is a 401, and the page goes back
    // to sign-in with where it was going kept as ?next=.
    await context.clearCookies({ name: 'ent_session' });
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: "Vue d'ensemble" }).click();
    await page.waitForURL(`${product.baseUrl}/connexion?next=%2F%3Fterritoire%3Dnational`);
    await page.getByText('Votre session a expiré\u00a0: reconnectez-vous pour reprendre où vous en étiez.').waitFor();
    await page.getByLabel('Adresse e-mail').fill('admin@localhost');
    await page.getByLabel('Mot de passe').fill('a long enough passphrase');
    await page.getByRole('button', { name: 'Se connecter' }).click();

    // The overview of an administrator: who is signed in, their scope; the navigation of the role.
    await page.waitForURL(`${product.baseUrl}/?territoire=national`);
    await page.getByRole('heading', { level: 1, name: "Vue d'ensemble" }).waitFor();
    await page.getByText('Bonjour ').waitFor();
    expect(await page.locator('dl.facts').innerText()).toBe('Rôle\nAdministrateur\nPérimètre\nNational (tout le territoire)');
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link').allInnerTexts()).toEqual(["Vue d'ensemble", 'Administration']);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'overview');

    // English, then back to French: texts and the lang attribute follow.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await screenshots(page, 'overview-en');
    await page.getByRole('button', { name: 'Passer en français' }).click();
    await page.getByRole('heading', { level: 1, name: "Vue d'ensemble" }).waitFor();

    // Sign-out from the user menu (a POST with the CSRF token): back to sign-in, the session gone.
    await page.getByRole('button', { name: / \(compte\)$/ }).click();
    await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
    await page.waitForURL(`${product.baseUrl}/connexion`);
    await page.getByText('Vous êtes déconnecté.').waitFor();
    const session = await page.evaluate(async () => (await fetch('/auth/session')).status);
    expect(session).toBe(401);

    expect(cspViolations).toEqual([]);
  });
});
