import {
  DeleteButton,
  EditButton,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
} from 'react-admin';
import { ReferenceField } from '../common/references';
import { EnumChipField } from '../common/EnumChip';
import { DayField, MomentField } from '../common/fields';
import { ForwardAspirationButton, RecordResponseButton } from './AspirationActions';
import { RecordHistory } from '../AuditEntry/RecordHistory';

const AspirationShowActions = () => (
  <TopToolbar>
    <ForwardAspirationButton />
    <RecordResponseButton />
    <EditButton />
    <DeleteButton mutationMode="pessimistic" />
  </TopToolbar>
);

export const AspirationShow = () => (
  <Show actions={<AspirationShowActions />}>
    <SimpleShowLayout>
      <ReferenceField source="householdId" reference="Household" />
      <ReferenceField source="visitId" reference="Visit" />
      <TextField source="content" />
      <EnumChipField
        source="status"
        enumName="AspirationStatus"
        testIdPrefix="aspiration-status-"
      />
      <DayField source="recordedDate" />
      <ReferenceField source="authorityId" reference="Organization" />
      <DayField source="forwardedDate" />
      <TextField source="response" />
      <DayField source="responseDate" />
      <MomentField source="updatedAt" />
      <RecordHistory />
    </SimpleShowLayout>
  </Show>
);
