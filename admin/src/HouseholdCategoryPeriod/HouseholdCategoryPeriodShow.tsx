import { ReferenceField, Show, SimpleShowLayout } from 'react-admin';
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
      <MomentField source="updatedAt" />
    </SimpleShowLayout>
  </Show>
);
