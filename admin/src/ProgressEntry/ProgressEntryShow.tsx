import { BooleanField, NumberField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { ReferenceField } from '../common/references';
import { DayField, MoneyField, MomentField } from '../common/fields';
import { ShowActions } from '../common/views';

export const ProgressEntryShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <ReferenceField source="commitmentId" reference="Commitment" />
      <DayField source="entryDate" />
      <TextField source="description" />
      <NumberField source="quantity" locales="vi-VN" />
      <MoneyField source="cost" />
      <TextField source="evidence" />
      <BooleanField source="completes" />
      <MomentField source="updatedAt" />
    </SimpleShowLayout>
  </Show>
);
