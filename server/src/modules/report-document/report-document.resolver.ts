import { Arg, Authorized, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { BadInputError } from '../../common/errors';
import { isUuid } from '../../common/crud/normalize';
import { halfYearDocument, memorandumProgressDocument } from './report-document.service';

@ObjectType()
class DocumentTable {
  @Field(() => [String])
  headers: string[];

  @Field(() => [[String]])
  rows: string[][];
}

@ObjectType()
class DocumentSectionType {
  @Field(() => String)
  heading: string;

  @Field(() => [String])
  paragraphs: string[];

  @Field(() => DocumentTable, { nullable: true })
  table: DocumentTable | null;
}

@ObjectType()
class DocumentSignature {
  @Field(() => String, { nullable: true, description: 'e.g. "T/M BAN THƯỜNG VỤ".' })
  onBehalf: string | null;

  @Field(() => String)
  title: string;

  @Field(() => String, { nullable: true })
  name: string | null;
}

@ObjectType({
  description:
    'A report in the Vietnamese administrative layout, as the .docx holds it: what the print view shows.',
})
class AdministrativeDocumentType {
  @Field(() => String, { nullable: true })
  parentIssuer: string | null;

  @Field(() => String)
  issuer: string;

  @Field(() => Boolean, {
    description: 'A Party body: "ĐẢNG CỘNG SẢN VIỆT NAM" instead of the state motto.',
  })
  party: boolean;

  @Field(() => String)
  number: string;

  @Field(() => String)
  place: string;

  @Field(() => String, { description: 'The day the document is dated, YYYY-MM-DD.' })
  date: string;

  @Field(() => String, {
    description:
      'The place and date line as printed, e.g. "Phú Yên, ngày 05 tháng 01 năm 2015" (Decree 30/2020: leading zero for days below 10 and months below 3).',
  })
  dateLine: string;

  @Field(() => String)
  title: string;

  @Field(() => String)
  subtitle: string;

  @Field(() => [DocumentSectionType])
  sections: DocumentSectionType[];

  @Field(() => [String])
  recipients: string[];

  @Field(() => DocumentSignature)
  signature: DocumentSignature;
}

@ObjectType({ description: 'A generated report: the Word file and its content.' })
class ReportDocument {
  @Field(() => String)
  fileName: string;

  @Field(() => String, { description: 'The .docx file, base64-encoded.' })
  docx: string;

  @Field(() => AdministrativeDocumentType)
  document: AdministrativeDocumentType;
}

const checkId = (field: string, id: string | null) => {
  if (id != null && !isUuid(id))
    throw BadInputError.of(field, 'exists', 'does not point at an existing record');
};

@Resolver()
export class ReportDocumentResolver {
  @Authorized()
  @Query(() => ReportDocument, {
    description:
      'The half-year report of one support group, one agency or one partnership (give exactly one id), as a Word document.',
  })
  halfYearReportDocument(
    @Arg('year', () => Int) year: number,
    @Arg('half', () => Int) half: number,
    @Arg('groupId', () => ID, { nullable: true }) groupId: string | null,
    @Arg('organizationId', () => ID, { nullable: true }) organizationId: string | null,
    @Arg('partnershipId', () => ID, { nullable: true }) partnershipId: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    checkId('groupId', groupId);
    checkId('organizationId', organizationId);
    checkId('partnershipId', partnershipId);
    return halfYearDocument(ctx, { year, half, groupId, organizationId, partnershipId });
  }

  @Authorized()
  @Query(() => ReportDocument, {
    description: "The memorandum's progress in its five commitment areas, as a Word document.",
  })
  memorandumProgressDocument(
    @Arg('memorandumId', () => ID) memorandumId: string,
    @Ctx() ctx: RequestContext,
  ) {
    return memorandumProgressDocument(ctx, memorandumId);
  }
}

export const reportDocumentResolvers = [ReportDocumentResolver];
