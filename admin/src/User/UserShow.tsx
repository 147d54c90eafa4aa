import HistoryIcon from '@mui/icons-material/History';
import {
  BooleanField,
  Button,
  EditButton,
  Link,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useCreatePath,
  useRecordContext,
} from 'react-admin';
import { ReferenceField } from '../common/references';
import { EnumChipField } from '../common/EnumChip';
import { MomentField } from '../common/fields';
import { RecordHistory } from '../AuditEntry/RecordHistory';
import { RevokeSessionsButton, UnlockLoginButton } from './UserActions';

/** Opens the access log filtered to this user's reads of personal data. */
const AccessLogButton = () => {
  const user = useRecordContext();
  const createPath = useCreatePath();
  if (!user) return null;
  const filter = encodeURIComponent(JSON.stringify({ userId: user.id }));
  return (
    <Button
      component={Link}
      to={`${createPath({ resource: 'AccessLogEntry', type: 'list' })}?filter=${filter}`}
      label="app.user.access_log"
    >
      <HistoryIcon />
    </Button>
  );
};

const UserShowActions = () => (
  <TopToolbar>
    <AccessLogButton />
    <UnlockLoginButton />
    <RevokeSessionsButton />
    <EditButton />
  </TopToolbar>
);

export const UserShow = () => (
  <Show actions={<UserShowActions />}>
    <SimpleShowLayout>
      <TextField source="username" />
      <TextField source="displayName" />
      <EnumChipField source="role" enumName="Role" />
      <ReferenceField source="organizationId" reference="Organization" emptyText="—" />
      <ReferenceField source="staffMemberId" reference="StaffMember" emptyText="—" />
      <BooleanField source="disabled" />
      <MomentField source="lastLoginAt" emptyText="—" />
      <MomentField source="createdAt" />
      <MomentField source="updatedAt" />
      <RecordHistory />
    </SimpleShowLayout>
  </Show>
);
