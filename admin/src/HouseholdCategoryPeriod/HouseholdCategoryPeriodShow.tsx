import { Show, SimpleShowLayout, TextField } from 'react-admin';
import { ReferenceField } from '../common/references';
import { EnumChipField } from '../common/EnumChip';
import { DayField, MomentField } from '../common/fields';
import { ShowActions } from '../common/views';

export const HouseholdCategoryPeriodShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <ReferenceField source="householdId" reference="Household" />
      <EnumChipField source="category" enumName="HouseholdCategory" />
      <DayField source="validFrom" />
      <DayField source="validTo" />
      <EnumChipField source="source" enumName="CategoryPeriodSource" />
      <ReferenceField source="reviewId" reference="PovertyReview" emptyText="—" />
      <TextField source="correctionReason" emptyText="—" />
      <MomentField source="updatedAt" />
    </SimpleShowLayout>
  </Show>
);
