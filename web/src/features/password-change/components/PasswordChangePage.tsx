import { useEffect, useState, type FormEvent } from 'react';
import { Button, FieldError, Form, Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { changePassword, safeNext } from '../../../auth/auth-api';
import { useSession, useSignedInUser } from '../../../auth/session';
import { formatDelay } from '../../../format/format';
import { languageOf } from '../../../i18n/i18n';
import { PublicLayout } from '../../../ui/PublicLayout';

interface FieldErrors {
  current?: string;
  next?: string;
  confirm?: string;
}

/** `/mot-de-passe`: the one-time password replaced (`POST /auth/password`), then on to `?next=`. */
export function PasswordChangePage() {
  const { t, i18n } = useTranslation();
  const user = useSignedInUser();
  const { signedIn, signOut } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  useEffect(() => {
    document.title = `${t('password.title')} · ${t('product')}`;
  }, [t]);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (pending) return;
    const found: FieldErrors = {};
    if (!current) found.current = t('password.required');
    if (next.length < 12) found.next = t('password.tooShort');
    if (confirm !== next) found.confirm = t('password.mismatch');
    setErrors(found);
    setError(undefined);
    if (found.current || found.next || found.confirm) return;
    setPending(true);
    const outcome = await changePassword(current, next);
    setPending(false);
    switch (outcome.kind) {
      case 'changed':
        signedIn({ ...user, mustChangePassword: false });
        navigate(safeNext(params.get('next')), { replace: true });
        return;
      case 'wrong-current':
        setErrors({ current: t('password.wrongCurrent') });
        return;
      case 'locked':
        setError(outcome.retryAfterSeconds ? t('signIn.locked', { delay: formatDelay(outcome.retryAfterSeconds, languageOf(i18n)) }) : t('signIn.lockedNoDelay'));
        return;
      case 'refused':
        setError(t('password.refused', { message: outcome.message }));
        return;
      case 'signed-out':
        await signOut();
        return;
      case 'network':
        setError(t('signIn.network'));
    }
  };

  return (
    <PublicLayout>
      <div className="card card--narrow">
        <h1>{t('password.title')}</h1>
        <p className="muted">{t('password.intro')}</p>
        <Form className="form" onSubmit={submit} validationBehavior="aria">
          <div className="form__alert" role="alert">
            {error && <p className="alert alert--error">{error}</p>}
          </div>
          <input type="text" name="username" autoComplete="username" value={user.email} readOnly hidden />
          <TextField className="field" type="password" autoComplete="current-password" value={current} onChange={setCurrent} isInvalid={!!errors.current} isRequired>
            <Label className="field__label">{t('password.current')}</Label>
            <Input className="field__input" />
            <FieldError className="field__error">{errors.current}</FieldError>
          </TextField>
          <TextField className="field" type="password" autoComplete="new-password" value={next} onChange={setNext} isInvalid={!!errors.next} isRequired>
            <Label className="field__label">{t('password.next')}</Label>
            <Input className="field__input" />
            <Text slot="description" className="field__help">
              {t('password.nextHelp')}
            </Text>
            <FieldError className="field__error">{errors.next}</FieldError>
          </TextField>
          <TextField className="field" type="password" autoComplete="new-password" value={confirm} onChange={setConfirm} isInvalid={!!errors.confirm} isRequired>
            <Label className="field__label">{t('password.confirm')}</Label>
            <Input className="field__input" />
            <FieldError className="field__error">{errors.confirm}</FieldError>
          </TextField>
          <Button className="button button--primary button--wide" type="submit" aria-disabled={pending || undefined}>
            {t('password.submit')}
          </Button>
        </Form>
        <Button className="button button--quiet" onPress={() => void signOut()}>
          {t('header.signOut')}
        </Button>
      </div>
    </PublicLayout>
  );
}
