import {
  BooleanField,
  ReferenceField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
} from 'react-admin';
import { relationChoices } from '../common/choices';
import { MomentField } from '../common/fields';
import { ShowActions } from '../common/views';

export const HouseholdMemberShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <ReferenceField source="householdId" reference="Household" />
      <TextField source="fullName" />
      <SelectField source="relation" choices={relationChoices} />
      <TextField source="birthYear" />
      <BooleanField source="isPupil" />
      <TextField source="citizenIdMasked" />
      <TextField source="legacyIdNumberMasked" />
      <MomentField source="updatedAt" />
    </SimpleShowLayout>
  </Show>
);
