import { NumberField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { ReferenceField } from '../common/references';
import { DayField, MomentField } from '../common/fields';
import { ShowActions } from '../common/views';

export const SupportPlanStepShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <ReferenceField source="supportPlanId" reference="SupportPlan" />
      <NumberField source="position" locales="vi-VN" />
      <TextField source="description" />
      <DayField source="plannedDate" />
      <DayField source="doneDate" />
      <MomentField source="updatedAt" />
    </SimpleShowLayout>
  </Show>
);
