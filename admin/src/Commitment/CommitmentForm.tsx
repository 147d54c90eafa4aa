import { NumberInput, SelectInput, TextInput, required } from 'react-admin';
import { commitmentAreaChoices } from '../common/choices';
import { DayInput, ReferenceSelect, ReferencesInput } from '../common/inputs';
import {
  TEXT_LONG,
  optionalText,
  position,
  requiredText,
  targetQuantity,
} from '../common/validators';
import { ResourceForm } from '../common/views';

export const CommitmentForm = () => (
  <ResourceForm>
    <ReferenceSelect source="memorandumId" reference="Memorandum" isRequired />
    <SelectInput source="area" choices={commitmentAreaChoices} validate={required()} />
    <TextInput source="title" validate={requiredText(500)} />
    <TextInput source="description" multiline validate={optionalText(TEXT_LONG)} />
    <NumberInput source="targetQuantity" validate={targetQuantity} />
    <TextInput source="targetUnit" validate={optionalText(50)} />
    <TextInput source="targetCriterion" multiline validate={optionalText(TEXT_LONG)} />
    <ReferencesInput source="criterionIds" reference="Criterion" />
    <ReferenceSelect source="responsibleOrganizationId" reference="Organization" />
    <DayInput source="dueDate" />
    <NumberInput source="position" validate={position} />
  </ResourceForm>
);
