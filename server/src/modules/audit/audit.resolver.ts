/** The audit trail, the access log and the breach report (filled in next). */
export const auditResolvers: Function[] = [];
