import {
  BooleanField,
  DeleteButton,
  EditButton,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
} from 'react-admin';
import { ReferenceField } from '../common/references';
import { RecordHistory } from '../AuditEntry/RecordHistory';
import { relationChoices } from '../common/choices';
import { MomentField } from '../common/fields';
import { RevealCitizenIdButton } from './RevealCitizenIdButton';

const HouseholdMemberShowActions = () => (
  <TopToolbar>
    <RevealCitizenIdButton />
    <EditButton />
    <DeleteButton mutationMode="pessimistic" />
  </TopToolbar>
);

export const HouseholdMemberShow = () => (
  <Show actions={<HouseholdMemberShowActions />}>
    <SimpleShowLayout>
      <ReferenceField source="householdId" reference="Household" />
      <TextField source="fullName" />
      <SelectField source="relation" choices={relationChoices} />
      <TextField source="birthYear" />
      <BooleanField source="isPupil" />
      <TextField source="citizenIdMasked" />
      <TextField source="legacyIdNumberMasked" />
      <MomentField source="updatedAt" />
      <RecordHistory />
    </SimpleShowLayout>
  </Show>
);
