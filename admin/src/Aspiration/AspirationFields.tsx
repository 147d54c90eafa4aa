import { Stack, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { ReferenceField } from '../common/references';
import { formatDay } from '../common/formatters';

/** The authority it was forwarded to, and when. */
export const ForwardedToField = (_props: { source?: string; label?: string }) => {
  const aspiration = useRecordContext();
  if (!aspiration?.authorityId) return null;
  return (
    <Stack>
      <ReferenceField source="authorityId" reference="Organization" />
      <Typography variant="caption" color="text.secondary">
        {formatDay(aspiration.forwardedDate)}
      </Typography>
    </Stack>
  );
};

/** The authority's response, and when it came. */
export const ResponseField = (_props: { source?: string; label?: string }) => {
  const aspiration = useRecordContext();
  if (!aspiration?.response) return null;
  return (
    <Stack>
      <Typography variant="body2">{aspiration.response as string}</Typography>
      <Typography variant="caption" color="text.secondary">
        {formatDay(aspiration.responseDate)}
      </Typography>
    </Stack>
  );
};
