import type { ReactNode } from 'react';
import TranslateIcon from '@mui/icons-material/Translate';
import { ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import {
  AppBar,
  Layout,
  LoadingIndicator,
  Logout,
  TitlePortal,
  ToggleThemeButton,
  UserMenu,
  useLocales,
  useLocaleState,
  useUserMenu,
} from 'react-admin';
import { useIsPhone } from '../common/views';
import { AppMenu } from './AppMenu';

/** On a phone the language choice moves into the user menu, leaving the app bar to the title. */
const SwitchLanguageItem = () => {
  const locales = useLocales();
  const [locale, setLocale] = useLocaleState();
  const userMenu = useUserMenu();
  const other = locales.find((candidate) => candidate.locale !== locale);
  if (!other) return null;
  return (
    <MenuItem
      onClick={() => {
        setLocale(other.locale);
        userMenu?.onClose();
      }}
    >
      <ListItemIcon>
        <TranslateIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{other.name}</ListItemText>
    </MenuItem>
  );
};

/**
 * On a phone the title may wrap to a second line in a smaller type rather than be cut to
 * "Tổng q…": the program's screen names are long Vietnamese terms.
 */
const PHONE_TITLE = {
  fontSize: '1rem',
  lineHeight: 1.25,
  whiteSpace: 'normal',
  overflowWrap: 'anywhere',
  display: '-webkit-box',
  WebkitLineClamp: 2,
  WebkitBoxOrient: 'vertical',
} as const;

const AppAppBar = () => {
  const isPhone = useIsPhone();
  if (!isPhone) return <AppBar />;
  return (
    <AppBar
      toolbar={
        <>
          <ToggleThemeButton />
          <LoadingIndicator />
        </>
      }
      userMenu={
        <UserMenu>
          <SwitchLanguageItem />
          <Logout />
        </UserMenu>
      }
    >
      <TitlePortal sx={PHONE_TITLE} />
    </AppBar>
  );
};

export const AppLayout = ({ children }: { children: ReactNode }) => (
  <Layout
    menu={AppMenu}
    appBar={AppAppBar}
    // A flex item is as wide as its content unless told otherwise: a wide table would widen the page.
    // Nothing in a record's page or form is wider than the screen: a long choice wraps or is
    // cut with an ellipsis, a table scrolls in its own box (see theme.ts).
    sx={{
      // react-admin's layout is at least as wide as its widest content; on a phone the screen wins.
      minWidth: { xs: 0, sm: 'fit-content' },
      '& .RaLayout-content, & .RaShow-card, & .RaEdit-card, & .RaCreate-card': { minWidth: 0 },
      '& .RaSimpleShowLayout-stack > *, & .RaSimpleForm-root > *, & .MuiFormControl-root': {
        maxWidth: '100%',
      },
    }}
  >
    {children}
  </Layout>
);
