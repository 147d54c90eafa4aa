import { useWatch } from 'react-hook-form';
import { SelectInput, TextInput, required, useRecordContext } from 'react-admin';
import {
  ANSWERED_STATUSES,
  ASPIRATION_TRANSITIONS,
  aspirationStatusChoices,
  type AspirationStatus,
} from '../common/choices';
import { todayIso } from '../common/formatters';
import { DayInput, ReferenceSelect } from '../common/inputs';
import {
  TEXT_LONG,
  notBefore,
  notInFuture,
  optionalText,
  requiredText,
  requiredWhen,
} from '../common/validators';
import { VisitSelect } from './VisitSelect';
import { ResourceForm } from '../common/views';

const isForwarded = (values: Record<string, unknown>) =>
  values.status != null && values.status !== 'RECORDED';
const isAnswered = (values: Record<string, unknown>) =>
  ANSWERED_STATUSES.includes(values.status as AspirationStatus);

/** The status it has and those the lifecycle allows next, with the facts each one needs. */
const LifecycleInputs = () => {
  const record = useRecordContext();
  const status = useWatch({ name: 'status' }) as AspirationStatus | undefined;
  const saved = (record?.status as AspirationStatus | undefined) ?? 'RECORDED';
  const allowed = [saved, ...ASPIRATION_TRANSITIONS[saved]];
  const forwarded = status != null && status !== 'RECORDED';
  return (
    <>
      <SelectInput
        source="status"
        choices={aspirationStatusChoices.filter((choice) => allowed.includes(choice.id))}
        validate={required()}
      />
      {forwarded && (
        <>
          <ReferenceSelect
            source="authorityId"
            reference="Organization"
            validate={requiredWhen(isForwarded, 'app.validation.required_when_forwarded')}
          />
          <DayInput
            source="forwardedDate"
            validate={[
              requiredWhen(isForwarded, 'app.validation.required_when_forwarded'),
              notInFuture,
              notBefore('recordedDate', 'app.validation.after_recorded_date'),
            ]}
          />
          <TextInput
            source="response"
            multiline
            validate={[
              requiredWhen(isAnswered, 'app.validation.required_when_answered'),
              ...optionalText(TEXT_LONG),
            ]}
          />
          <DayInput
            source="responseDate"
            validate={[
              requiredWhen(isAnswered, 'app.validation.required_when_answered'),
              notInFuture,
              notBefore('forwardedDate', 'app.validation.after_forwarded_date'),
            ]}
          />
        </>
      )}
    </>
  );
};

/** A new aspiration starts as "Đã ghi nhận"; forwarding and answering come later. */
export const AspirationForm = ({ isCreate = false }: { isCreate?: boolean }) => (
  <ResourceForm
    defaultValues={isCreate ? { status: 'RECORDED', recordedDate: todayIso() } : undefined}
  >
    <ReferenceSelect source="householdId" reference="Household" isRequired />
    <VisitSelect />
    <TextInput source="content" multiline validate={requiredText(TEXT_LONG)} />
    <DayInput source="recordedDate" validate={[required(), notInFuture]} />
    {!isCreate && <LifecycleInputs />}
  </ResourceForm>
);
