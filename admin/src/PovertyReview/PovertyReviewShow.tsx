import { Show, SimpleShowLayout, TextField } from 'react-admin';
import { ReferenceField } from '../common/references';
import { EnumChipField } from '../common/EnumChip';
import { DayField, MomentField } from '../common/fields';
import { ShowActions } from '../common/views';

export const PovertyReviewShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <ReferenceField source="householdId" reference="Household" />
      <TextField source="year" />
      <DayField source="reviewDate" />
      <ReferenceField source="standardId" reference="PovertyStandard" emptyText="—">
        <TextField source="name" />
      </ReferenceField>
      <TextField source="standardEdition" />
      <EnumChipField source="result" enumName="PovertyResult" />
      <TextField source="notes" />
      <MomentField source="updatedAt" />
    </SimpleShowLayout>
  </Show>
);
