import type { MouseEvent } from 'react';
import AddTaskIcon from '@mui/icons-material/AddTask';
import { Button, Link, useCanAccess, useCreatePath, useRecordContext } from 'react-admin';

const stopPropagation = (event: MouseEvent) => event.stopPropagation();

/** Opens a new progress entry for the commitment in context; saving it returns to `returnTo`. */
export const AddProgressButton = ({ returnTo }: { returnTo: string }) => {
  const commitment = useRecordContext();
  const createPath = useCreatePath();
  const { canAccess } = useCanAccess({ action: 'create', resource: 'ProgressEntry' });
  if (!commitment || !canAccess) return null;
  return (
    <Button
      component={Link}
      to={{
        pathname: createPath({ resource: 'ProgressEntry', type: 'create' }),
        search: `?source=${encodeURIComponent(JSON.stringify({ commitmentId: commitment.id }))}`,
        state: { returnTo },
      }}
      label="app.action.add_progress"
      data-testid={`add-progress-${commitment.id}`}
      onClick={stopPropagation}
      sx={{ whiteSpace: 'nowrap' }}
    >
      <AddTaskIcon />
    </Button>
  );
};
