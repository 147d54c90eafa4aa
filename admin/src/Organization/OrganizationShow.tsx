import { SelectField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { ReferenceField } from '../common/references';
import { administrativeLevelChoices, organizationKindChoices } from '../common/choices';
import { MomentField } from '../common/fields';
import { ShowActions } from '../common/views';
import { UnitFullName } from '../common/UnitFullName';

export const OrganizationShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="name" />
      <TextField source="shortName" />
      <SelectField source="kind" choices={organizationKindChoices} />
      <SelectField source="level" choices={administrativeLevelChoices} />
      <ReferenceField source="administrativeUnitId" reference="AdministrativeUnit" />
      <UnitFullName source="administrativeUnitId" />
      <MomentField source="updatedAt" />
    </SimpleShowLayout>
  </Show>
);
