import type { TypographyVariantsOptions } from '@mui/material';
import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';

const FONT_FAMILY = '"Be Vietnam Pro", "Segoe UI", Roboto, Arial, sans-serif';

// The program's resource names are long Vietnamese terms; a wider menu shows them whole.
const SIDEBAR = { width: 300, closedWidth: 50 };

const withFont = (theme: RaThemeOptions): RaThemeOptions => ({
  ...theme,
  sidebar: SIDEBAR,
  components: {
    ...theme.components,
    // A table inside a record's page (a household's visits, a fund's rates) scrolls in its own box
    // on a narrow screen instead of widening the page.
    RaDataTable: {
      styleOverrides: { root: { '& .RaDataTable-tableWrapper': { overflowX: 'auto' } } },
    },
  },
  typography: { ...(theme.typography as TypographyVariantsOptions), fontFamily: FONT_FAMILY },
});

export const lightTheme = withFont(defaultLightTheme);
export const darkTheme = withFont(defaultDarkTheme);
