import { SelectField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { ReferenceField } from '../common/references';
import { successionKindChoices } from '../common/choices';
import { DayField, MomentField } from '../common/fields';
import { ShowActions } from '../common/views';

export const AdministrativeUnitSuccessionShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <ReferenceField source="predecessorId" reference="AdministrativeUnit" />
      <SelectField source="kind" choices={successionKindChoices} />
      <ReferenceField source="successorId" reference="AdministrativeUnit" />
      <DayField source="effectiveDate" />
      <TextField source="legalAct" />
      <TextField source="note" />
      <MomentField source="updatedAt" />
    </SimpleShowLayout>
  </Show>
);
