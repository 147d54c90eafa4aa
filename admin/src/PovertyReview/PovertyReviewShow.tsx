import { ReferenceField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { EnumChipField } from '../common/EnumChip';
import { MomentField } from '../common/fields';
import { ShowActions } from '../common/views';

export const PovertyReviewShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <ReferenceField source="householdId" reference="Household" />
      <TextField source="year" />
      <TextField source="standard" />
      <EnumChipField source="result" enumName="PovertyResult" />
      <TextField source="notes" />
      <MomentField source="updatedAt" />
    </SimpleShowLayout>
  </Show>
);
