/**
 * The enrolment guard for gallery routes: cross-site refusal, trainer token, local-network default.
 * @module
 */
export { createEnrolmentGuard, describeEnrolmentGuard, ENROLMENT_GUARD_TEXTS, type EnrolmentGuardOptions, type TrainerAccess } from "./enrolment-guard.ts";
export { isCrossSiteRequest } from "./cross-site.ts";
export { isLocalNetworkAddress } from "./local-network-address.ts";
export { checkTrainerToken, UNAUTHORIZED_TEXT } from "./trainer-token.ts";
