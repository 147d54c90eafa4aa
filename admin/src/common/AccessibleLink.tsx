import type { ComponentProps, ReactNode } from 'react';
import { Link as MuiLink, Typography, type TypographyProps } from '@mui/material';
import { Link, useCanAccess } from 'react-admin';

interface AccessibleLinkProps {
  /** The resource the link opens, and how (a list, a record). */
  resource: string;
  action: 'list' | 'show';
  to: ComponentProps<typeof Link>['to'];
  variant?: TypographyProps['variant'];
  underline?: 'always' | 'hover' | 'none';
  children: ReactNode;
}

/** A link to a screen the signed-in role may open; plain text for a role that may not. */
export const AccessibleLink = ({
  resource,
  action,
  to,
  variant,
  underline,
  children,
}: AccessibleLinkProps) => {
  const { canAccess } = useCanAccess({ action, resource });
  if (!canAccess) {
    return (
      <Typography component="span" variant={variant}>
        {children}
      </Typography>
    );
  }
  return (
    <MuiLink component={Link} to={to} variant={variant} underline={underline}>
      {children}
    </MuiLink>
  );
};
