import { Link, Stack, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { Show, SimpleShowLayout, TextField, useCreatePath, useRecordContext } from 'react-admin';
import { ReferenceField } from '../common/references';
import { EnumChipField } from '../common/EnumChip';
import { MomentField } from '../common/fields';
import { ResourceNameField } from './AccessLogEntryList';

/**
 * Ids only, each linking to the record: showing names would read the households' personal data
 * again, and that read would join the log being looked at.
 */
const IdLinksField = ({
  source,
  resource,
}: {
  source: string;
  resource: string;
  label?: string;
}) => {
  const entry = useRecordContext();
  const createPath = useCreatePath();
  const ids = (entry?.[source] as string[] | undefined) ?? [];
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {ids.map((id) => (
        <Link
          key={id}
          component={RouterLink}
          to={createPath({ resource, type: 'show', id })}
          variant="body2"
          sx={{ fontFamily: 'monospace' }}
        >
          {id}
        </Link>
      ))}
    </Stack>
  );
};

const RecordIdsField = (_props: { source?: string; label?: string }) => {
  const entry = useRecordContext();
  if (!entry) return null;
  return entry.resource ? (
    <IdLinksField source="recordIds" resource={String(entry.resource)} />
  ) : (
    <Typography variant="body2">{(entry.recordIds as string[]).join(', ')}</Typography>
  );
};

export const AccessLogEntryShow = () => (
  <Show actions={false}>
    <SimpleShowLayout>
      <MomentField source="at" />
      <ReferenceField source="userId" reference="User" emptyText="—" />
      <TextField source="username" />
      <EnumChipField source="role" enumName="Role" />
      <EnumChipField source="action" enumName="AccessAction" />
      <ResourceNameField source="resource" />
      <IdLinksField source="householdIds" resource="Household" />
      <RecordIdsField source="recordIds" />
      <TextField source="reason" emptyText="—" />
      <TextField source="address" emptyText="—" />
    </SimpleShowLayout>
  </Show>
);
