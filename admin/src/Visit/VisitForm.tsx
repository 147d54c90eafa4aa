import { useMemo } from 'react';
import { useWatch } from 'react-hook-form';
import RecordVoiceOverIcon from '@mui/icons-material/RecordVoiceOver';
import {
  SaveButton,
  TextInput,
  Toolbar,
  required,
  useCreatePath,
  useGetOne,
  useNavigate,
  useNotify,
  type RaRecord,
  type Validator,
} from 'react-admin';
import { ResourceForm, useReturnTo } from '../common/views';
import { DayInput, ReferenceSelect, ReferencesInput } from '../common/inputs';
import { TEXT_LONG, notInFuture, optionalText } from '../common/validators';

const afterGroupFormed =
  (formedDate: unknown): Validator =>
  (value: unknown) =>
    typeof value === 'string' && typeof formedDate === 'string' && value < formedDate
      ? 'app.validation.after_group_formed'
      : undefined;

/**
 * Choices follow the server's rules: the household is one the group helps, participants are the
 * group's members, and the visit is not before the group was formed.
 */
const GroupBoundInputs = () => {
  const groupId = useWatch({ name: 'groupId' }) as string | null | undefined;
  const householdId = useWatch({ name: 'householdId' }) as string | null | undefined;
  const { data: group } = useGetOne('SupportGroup', { id: groupId }, { enabled: !!groupId });
  const formedDate = group?.formedDate as string | undefined;
  const visitDateRules = useMemo(
    () => [required(), notInFuture, afterGroupFormed(formedDate)],
    [formedDate],
  );
  return (
    <>
      <ReferenceSelect
        source="householdId"
        reference="Household"
        filter={groupId ? { groupId } : undefined}
        isRequired
      />
      <ReferenceSelect
        source="groupId"
        reference="SupportGroup"
        filter={householdId ? { householdId } : undefined}
        isRequired
      />
      <DayInput source="visitDate" validate={visitDateRules} />
      <ReferencesInput
        source="participantIds"
        reference="StaffMember"
        filter={group ? { ids: group.memberIds as string[] } : undefined}
        isRequired
      />
    </>
  );
};

/**
 * On a new visit, a second button saves it and goes on to record an aspiration heard during it;
 * that form then returns where the visit form would have.
 */
const NewVisitToolbar = () => {
  const navigate = useNavigate();
  const notify = useNotify();
  const createPath = useCreatePath();
  const returnTo = useReturnTo();
  const addAspiration = (visit: RaRecord) => {
    notify('ra.notification.created', { type: 'info', messageArgs: { smart_count: 1 } });
    const values = {
      householdId: visit.householdId,
      visitId: visit.id,
      recordedDate: visit.visitDate,
    };
    navigate(
      {
        pathname: createPath({ resource: 'Aspiration', type: 'create' }),
        search: `?source=${encodeURIComponent(JSON.stringify(values))}`,
      },
      {
        state: {
          returnTo: returnTo ?? createPath({ resource: 'Visit', id: visit.id, type: 'show' }),
        },
      },
    );
  };
  return (
    <Toolbar>
      <SaveButton />
      <SaveButton
        type="button"
        variant="text"
        label="app.action.save_and_add_aspiration"
        icon={<RecordVoiceOverIcon />}
        mutationOptions={{ onSuccess: addAspiration }}
        sx={{ ml: 2 }}
        data-testid="save-visit-and-add-aspiration"
      />
    </Toolbar>
  );
};

export const VisitForm = ({
  defaultValues,
  isCreate = false,
}: {
  defaultValues?: Record<string, unknown>;
  isCreate?: boolean;
}) => (
  <ResourceForm defaultValues={defaultValues} toolbar={isCreate ? <NewVisitToolbar /> : undefined}>
    <GroupBoundInputs />
    <TextInput source="findings" multiline minRows={3} validate={optionalText(TEXT_LONG)} />
  </ResourceForm>
);
