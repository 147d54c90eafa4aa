import { NumberInput, TextInput } from 'react-admin';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { TEXT_LONG, notInFuture, position, requiredText } from '../common/validators';
import { ResourceForm } from '../common/views';

export const SupportPlanStepForm = () => (
  <ResourceForm>
    <ReferenceSelect source="supportPlanId" reference="SupportPlan" isRequired />
    <NumberInput source="position" validate={position} />
    <TextInput source="description" multiline validate={requiredText(TEXT_LONG)} />
    <DayInput source="plannedDate" />
    <DayInput source="doneDate" validate={notInFuture} />
  </ResourceForm>
);
