import { Button, Header, Menu, MenuItem, MenuSection, MenuTrigger, Popover } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession, useSignedInUser } from '../auth/session';
import { PATHS } from './paths';

/** The account button: who is signed in, and sign-out. */
export function UserMenu() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const { signOut } = useSession();
  const navigate = useNavigate();
  return (
    <MenuTrigger>
      <Button className="button button--quiet user-menu__button" aria-label={t('header.userMenu', { name: user.displayName })}>
        <span aria-hidden="true" className="user-menu__initial" data-initial={user.displayName.slice(0, 1).toUpperCase()} />
        <span className="user-menu__name">{user.displayName}</span>
      </Button>
      <Popover className="popover" placement="bottom end">
        <Menu
          className="menu"
          onAction={async (key) => {
            if (key === 'sign-out') {
              await signOut();
              navigate(PATHS.signIn, { replace: true });
            }
          }}
        >
          <MenuSection>
            <Header className="menu__header">{t('header.signedInAs', { email: user.email })}</Header>
            <MenuItem className="menu__item" id="sign-out">
              {t('header.signOut')}
            </MenuItem>
          </MenuSection>
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
