import {
  NumberInput,
  SelectInput,
  TextInput,
  maxValue,
  minValue,
  number,
  required,
  useRecordContext,
} from 'react-admin';
import { houseConditionChoices } from '../common/choices';
import { DayInput, MoneyInput, ReferenceSelect } from '../common/inputs';
import { TEXT_LONG, notInFuture, optionalText, requiredText } from '../common/validators';
import { ResourceForm } from '../common/views';

/**
 * The project, its survey and the assessment of the house. Once approved, what was approved is
 * kept (the server refuses a change): only the notes stay open.
 */
export const HouseProjectForm = () => {
  const record = useRecordContext();
  const fixed = record?.stage != null && record.stage !== 'SURVEYED';
  return (
    <ResourceForm>
      <TextInput source="title" validate={requiredText(500)} />
      <ReferenceSelect source="householdId" reference="Household" isRequired disabled={fixed} />
      <ReferenceSelect
        source="commitmentId"
        reference="Commitment"
        isRequired
        disabled={fixed}
        filter={{ area: 'TEMPORARY_HOUSE_REMOVAL' }}
      />
      <MoneyInput source="estimatedCost" validate={required()} disabled={fixed} />
      <DayInput source="surveyedDate" validate={[required(), notInFuture]} disabled={fixed} />
      <TextInput source="surveyedConfirmedBy" validate={requiredText()} disabled={fixed} />
      <TextInput source="surveyedConfirmerPosition" validate={optionalText()} disabled={fixed} />
      <DayInput source="assessmentDate" validate={notInFuture} disabled={fixed} />
      <TextInput source="assessedBy" validate={optionalText()} disabled={fixed} />
      <SelectInput source="houseCondition" choices={houseConditionChoices} disabled={fixed} />
      <TextInput source="wallMaterial" validate={optionalText()} disabled={fixed} />
      <TextInput source="roofMaterial" validate={optionalText()} disabled={fixed} />
      <TextInput source="floorMaterial" validate={optionalText()} disabled={fixed} />
      <NumberInput
        source="floorArea"
        validate={[number(), minValue(1), maxValue(10_000)]}
        disabled={fixed}
      />
      <NumberInput
        source="occupants"
        validate={[number(), minValue(0), maxValue(100)]}
        disabled={fixed}
      />
      <TextInput
        source="assessmentNotes"
        multiline
        validate={optionalText(TEXT_LONG)}
        disabled={fixed}
      />
      <TextInput source="notes" multiline validate={optionalText(TEXT_LONG)} />
    </ResourceForm>
  );
};
