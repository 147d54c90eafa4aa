import { NumberField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { ReferenceField } from '../common/references';
import { MomentField } from '../common/fields';
import { ShowActions } from '../common/views';

export const CounterpartResponsibilityShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <ReferenceField source="memorandumId" reference="Memorandum" />
      <NumberField source="position" />
      <TextField source="description" />
      <ReferenceField source="responsibleOrganizationId" reference="Organization" />
      <MomentField source="updatedAt" />
    </SimpleShowLayout>
  </Show>
);
