import type { MouseEvent, ReactElement } from 'react';
import AddIcon from '@mui/icons-material/Add';
import {
  Button,
  Link,
  useCanAccess,
  useCreatePath,
  useLocation,
  type ButtonProps,
} from 'react-admin';

const stopPropagation = (event: MouseEvent) => event.stopPropagation();

interface CreateRelatedButtonProps extends Omit<ButtonProps, 'children'> {
  /** The resource to create. */
  resource: string;
  /** Values the form starts with, e.g. `{ householdId }`. */
  values: Record<string, unknown>;
  label: string;
  icon?: ReactElement;
  /** Where to go once saved; by default the page the button is on. */
  returnTo?: string;
}

/**
 * Opens a create form prefilled from the record on screen; saving it returns here. Hidden from
 * roles that may not create `resource`.
 */
export const CreateRelatedButton = ({
  resource,
  values,
  label,
  icon = <AddIcon />,
  returnTo,
  ...props
}: CreateRelatedButtonProps) => {
  const createPath = useCreatePath();
  const location = useLocation();
  const { canAccess } = useCanAccess({ action: 'create', resource });
  if (!canAccess) return null;
  return (
    <Button
      component={Link}
      to={{
        pathname: createPath({ resource, type: 'create' }),
        search: `?source=${encodeURIComponent(JSON.stringify(values))}`,
        state: { returnTo: returnTo ?? location.pathname },
      }}
      label={label}
      onClick={stopPropagation}
      sx={{ whiteSpace: 'nowrap' }}
      {...props}
    >
      {icon}
    </Button>
  );
};
