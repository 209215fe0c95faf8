import { useState, type FormEvent } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { login, type LoginOutcome } from '../../../auth/auth-api';
import type { SessionUser } from '../../../auth/session-user';
import { formatDelay } from '../../../format/format';
import { languageOf } from '../../../i18n/i18n';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

interface FieldErrors {
  email?: string;
  password?: string;
}

/** E-mail and password to `POST /auth/login`; every refusal said in words, in an alert. */
export function SignInForm({ onSignedIn }: { onSignedIn: (user: SessionUser) => void }) {
  const { t, i18n } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  const describe = (outcome: Exclude<LoginOutcome, { kind: 'signed-in' }>): string => {
    switch (outcome.kind) {
      case 'invalid-credentials':
        return t('signIn.invalid');
      case 'locked':
        return outcome.retryAfterSeconds ? t('signIn.locked', { delay: formatDelay(outcome.retryAfterSeconds, languageOf(i18n)) }) : t('signIn.lockedNoDelay');
      case 'refused':
        return t('signIn.refused', { message: outcome.message });
      case 'network':
        return t('signIn.network');
    }
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (pending) return;
    const errors: FieldErrors = {};
    if (!email.trim()) errors.email = t('signIn.emailRequired');
    else if (!EMAIL.test(email.trim())) errors.email = t('signIn.emailInvalid');
    if (!password) errors.password = t('signIn.passwordRequired');
    setFieldErrors(errors);
    setError(undefined);
    if (errors.email || errors.password) return;
    setPending(true);
    const outcome = await login(email.trim(), password);
    setPending(false);
    if (outcome.kind === 'signed-in') onSignedIn(outcome.user);
    else {
      setError(describe(outcome));
      if (outcome.kind === 'invalid-credentials') setPassword('');
    }
  };

  return (
    <Form className="form" onSubmit={submit} validationBehavior="aria" aria-describedby={error ? 'sign-in-error' : undefined}>
      <div className="form__alert" id="sign-in-error" role="alert">
        {error && <p className="alert alert--error">{error}</p>}
      </div>
      <TextField className="field" name="email" type="email" autoComplete="username" value={email} onChange={setEmail} isInvalid={!!fieldErrors.email} isRequired>
        <Label className="field__label">{t('signIn.email')}</Label>
        <Input className="field__input" spellCheck={false} />
        <FieldError className="field__error">{fieldErrors.email}</FieldError>
      </TextField>
      <TextField className="field" name="password" type="password" autoComplete="current-password" value={password} onChange={setPassword} isInvalid={!!fieldErrors.password} isRequired>
        <Label className="field__label">{t('signIn.password')}</Label>
        <Input className="field__input" />
        <FieldError className="field__error">{fieldErrors.password}</FieldError>
      </TextField>
      <Button className="button button--primary button--wide" type="submit" aria-disabled={pending || undefined}>
        {pending ? t('signIn.submitting') : t('signIn.submit')}
      </Button>
    </Form>
  );
}
