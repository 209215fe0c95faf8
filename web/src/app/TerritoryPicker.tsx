import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSignedInUser } from '../auth/session';
import { useUrlState } from './url-state';

const ALL = 'all';

/**
 * The territory the pages show, kept in the URL (`?territoire=departement:70`). For now it offers
 * the caller's own territories (by level and code); the pages to come will name them and go down.
 */
export function TerritoryPicker() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const [{ territory }, update] = useUrlState();
  const items = [{ id: ALL, label: user.territories.length === 0 ? t('levels.national') : t('header.territoryAll') }].concat(
    user.territories.map((ter) => ({ id: `${ter.level}:${ter.code}`, label: `${t(`levels.${ter.level}`, { defaultValue: ter.level })} ${ter.code}` })),
  );
  const selected = items.some((i) => i.id === territory) ? (territory as string) : ALL;
  return (
    <Select className="territory-picker" value={selected} onChange={(key) => update({ territory: key === ALL ? undefined : String(key) })}>
      <Label className="territory-picker__label">{t('header.territory')}</Label>
      <Button className="button button--quiet territory-picker__button">
        <SelectValue />
      </Button>
      <Popover className="popover">
        <ListBox className="menu" items={items}>
          {(item) => (
            <ListBoxItem className="menu__item" id={item.id}>
              {item.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
