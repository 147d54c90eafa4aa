import type { TypographyVariantsOptions } from '@mui/material';
import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';

const FONT_FAMILY = '"Be Vietnam Pro", "Segoe UI", Roboto, Arial, sans-serif';

const withFont = (theme: RaThemeOptions): RaThemeOptions => ({
  ...theme,
  typography: { ...(theme.typography as TypographyVariantsOptions), fontFamily: FONT_FAMILY },
});

export const lightTheme = withFont(defaultLightTheme);
export const darkTheme = withFont(defaultDarkTheme);
