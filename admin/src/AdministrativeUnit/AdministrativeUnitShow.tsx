import { ReferenceField, SelectField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { administrativeLevelChoices } from '../common/choices';
import { DayField, MomentField } from '../common/fields';
import { ShowActions } from '../common/views';

export const AdministrativeUnitShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="name" />
      <TextField source="code" />
      <SelectField source="level" choices={administrativeLevelChoices} />
      <ReferenceField source="parentId" reference="AdministrativeUnit" />
      <DayField source="validFrom" />
      <DayField source="validTo" />
      <MomentField source="updatedAt" />
    </SimpleShowLayout>
  </Show>
);
