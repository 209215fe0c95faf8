import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { fetchSignInMethods, OIDC_LOGIN_URL, safeNext, type SignInMethods } from '../../../auth/auth-api';
import { useSession } from '../../../auth/session';
import { PATHS } from '../../../app/paths';
import { PublicLayout } from '../../../ui/PublicLayout';
import { SignInForm } from './SignInForm';

/** `/connexion`: the password form, single sign-on when configured, then back to `?next=`. */
export function SignInPage() {
  const { t } = useTranslation();
  const { state, signedIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  const [methods, setMethods] = useState<SignInMethods>({ password: true, oidc: false });
  useEffect(() => {
    let live = true;
    void fetchSignInMethods().then((m) => live && setMethods(m));
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    document.title = `${t('signIn.title')} · ${t('product')}`;
  }, [t]);

  if (state.kind === 'signed-in') {
    return <Navigate to={state.user.mustChangePassword ? `${PATHS.passwordChange}?next=${encodeURIComponent(next)}` : next} replace />;
  }
  const notice = state.kind === 'signed-out' && state.reason ? (state.reason === 'expired' ? t('signIn.expired') : t('signIn.signedOut')) : undefined;
  return (
    <PublicLayout>
      <div className="card card--narrow">
        <h1>{t('signIn.title')}</h1>
        <p className="muted">{t('signIn.intro')}</p>
        {notice && (
          <p className="alert alert--info" role="status">
            {notice}
          </p>
        )}
        <SignInForm
          onSignedIn={(user) => {
            signedIn(user);
            navigate(user.mustChangePassword ? `${PATHS.passwordChange}?next=${encodeURIComponent(next)}` : next, { replace: true });
          }}
        />
        {methods.oidc && (
          <div className="sso">
            <p className="sso__or">
              <span>{t('signIn.or')}</span>
            </p>
            <a className="button button--secondary button--wide" href={OIDC_LOGIN_URL}>
              {t('signIn.sso')}
            </a>
          </div>
        )}
      </div>
    </PublicLayout>
  );
}
