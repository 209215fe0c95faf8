import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { changeLanguage, createI18n } from '../../../i18n/i18n';
import { SignInForm } from './SignInForm';

/** What `fetch` answers in these tests: the API's answers as the sign-in routes give them. */
function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return { ok: status >= 200 && status < 300, status, headers: { get: (name: string) => headers[name.toLowerCase()] ?? null }, json: async () => body };
}

const USER = { id: 'u1', email: 'conseiller.70@ent.example.fr', displayName: 'Conseiller 70', role: 'councillor', territories: [{ level: 'departement', code: '70' }], mustChangePassword: false };

function setup(language: 'fr' | 'en' = 'fr') {
  const i18n = createI18n(language);
  const onSignedIn = jest.fn();
  render(
    <I18nextProvider i18n={i18n}>
      <SignInForm onSignedIn={onSignedIn} />
    </I18nextProvider>,
  );
  return { onSignedIn, i18n, user: userEvent.setup() };
}

async function fill(user: ReturnType<typeof userEvent.setup>, email: string, password: string, submit = 'Se connecter') {
  if (email) await user.type(screen.getByLabelText(/e-mail/i), email);
  if (password) await user.type(screen.getByLabelText(/^(Mot de passe|Password)/), password);
  await user.click(screen.getByRole('button', { name: submit }));
}

describe('the sign-in form', () => {
  const fetchMock = jest.fn();
  beforeEach(() => {
    fetchMock.mockReset();
    global.fetch = fetchMock as unknown as typeof fetch;
    document.cookie = 'ent_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  });

  it('posts the e-mail and password to /auth/login and hands over the signed-in user', async () => {
    fetchMock.mockResolvedValueOnce(answer(200, { user: USER, csrfToken: 'c' }));
    const { onSignedIn, user } = setup();
    await fill(user, ' conseiller.70@ent.example.fr ', 'le bon mot de passe');
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(USER));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/auth/login');
    expect(init.method).toBe('POST');
    expect(JSON.parse(init.body as string)).toEqual({ email: 'conseiller.70@ent.example.fr', password: 'le bon mot de passe' });
  });

  it('says a wrong e-mail or password without saying which, and empties the password', async () => {
    fetchMock.mockResolvedValueOnce(answer(401, { error: 'INVALID_CREDENTIALS', message: 'Invalid e-mail or password.' }));
    const { onSignedIn, user } = setup();
    await fill(user, 'conseiller.70@ent.example.fr', 'pas le bon');
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Adresse e-mail ou mot de passe incorrect.');
    expect(screen.getByLabelText(/^Mot de passe/)).toHaveProperty('value', '');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('says when the account is locked and for how long (429 Retry-After)', async () => {
    fetchMock.mockResolvedValueOnce(answer(429, { error: 'LOCKED_OUT', message: 'Locked.' }, { 'retry-after': '900' }));
    const { user } = setup();
    await fill(user, 'conseiller.70@ent.example.fr', 'essai');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Trop de tentatives\u00a0: compte verrouillé. Réessayez dans 15\u00a0minutes.'));
  });

  it('says so in English after the language switch', async () => {
    fetchMock.mockResolvedValueOnce(answer(429, { error: 'LOCKED_OUT', message: 'Locked.' }, { 'retry-after': '3600' }));
    const { user, i18n } = setup();
    await act(() => changeLanguage(i18n, 'en'));
    expect(document.documentElement.lang).toBe('en');
    await fill(user, 'conseiller.70@ent.example.fr', 'essai', 'Sign in');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Too many attempts: the account is locked. Try again in 1\u00a0hour.'));
  });

  it('says when the service does not answer (network error)', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const { user } = setup();
    await fill(user, 'conseiller.70@ent.example.fr', 'essai');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Le service ne répond pas. Vérifiez votre connexion, puis réessayez.'));
  });

  it('names the missing or malformed field and sends nothing', async () => {
    const { user } = setup();
    await fill(user, '', '');
    expect(screen.getByText("Saisissez l'adresse e-mail de votre compte.")).toBeTruthy();
    expect(screen.getByText('Saisissez votre mot de passe.')).toBeTruthy();
    expect(screen.getByLabelText(/e-mail/i).getAttribute('aria-invalid')).toBe('true');
    await fill(user, 'pas-une-adresse', 'x');
    expect(screen.getByText("Cette adresse e-mail n'est pas valide.")).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
