// Events in the shapes of the AWS documentation's examples, typed with @types/aws-lambda:
// "Working with AWS Lambda proxy integrations for HTTP APIs" (payload 1.0 and 2.0), "Lambda
// functions as targets" (ALB) and "Invoking Lambda function URLs".
import type { ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2, LambdaFunctionURLEvent } from 'aws-lambda'

export function restV1Event(overrides: Partial<APIGatewayProxyEvent> = {}): APIGatewayProxyEvent {
  return {
    resource: '/my/path',
    path: '/my/path',
    httpMethod: 'GET',
    headers: { header1: 'value1', header2: 'value2', Host: 'id.execute-api.us-east-1.amazonaws.com' },
    multiValueHeaders: {
      header1: ['value1'],
      header2: ['value1', 'value2'],
      Host: ['id.execute-api.us-east-1.amazonaws.com'],
      'X-Forwarded-Proto': ['https'],
    },
    queryStringParameters: { parameter1: 'value1', parameter2: 'value' },
    multiValueQueryStringParameters: { parameter1: ['value1', 'value2'], parameter2: ['value'] },
    requestContext: {
      accountId: '123456789012',
      apiId: 'id',
      authorizer: { claims: null, scopes: null },
      domainName: 'id.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'id',
      extendedRequestId: 'request-id',
      httpMethod: 'GET',
      identity: {
        accessKey: null,
        accountId: null,
        caller: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '192.0.2.1',
        user: null,
        userAgent: 'user-agent',
        userArn: null,
        apiKey: null,
        apiKeyId: null,
        clientCert: null,
      },
      path: '/my/path',
      protocol: 'HTTP/1.1',
      requestId: 'id=',
      requestTime: '04/Mar/2020:19:15:17 +0000',
      requestTimeEpoch: 1583349317135,
      resourceId: null as unknown as string,
      resourcePath: '/my/path',
      stage: '$default',
    },
    pathParameters: null,
    stageVariables: null,
    body: 'Hello from Lambda!',
    isBase64Encoded: false,
    ...overrides,
  }
}

export function httpV2Event(overrides: Partial<APIGatewayProxyEventV2> = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/my/path',
    rawQueryString: 'parameter1=value1&parameter1=value2&parameter2=value',
    cookies: ['cookie1', 'cookie2'],
    headers: { header1: 'value1', header2: 'value1,value2', host: 'id.execute-api.us-east-1.amazonaws.com' },
    queryStringParameters: { parameter1: 'value1,value2', parameter2: 'value' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api-id',
      domainName: 'id.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'id',
      http: { method: 'POST', path: '/my/path', protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'agent' },
      requestId: 'id',
      routeKey: '$default',
      stage: '$default',
      time: '12/Mar/2020:19:03:58 +0000',
      timeEpoch: 1583348638390,
    },
    body: 'Hello from Lambda',
    pathParameters: { parameter1: 'value1' },
    isBase64Encoded: false,
    stageVariables: { stageVariable1: 'value1' },
    ...overrides,
  }
}

/** A function URL event is a payload 2.0 event with the URL's domain and an IAM authorizer. */
export function functionUrlEvent(overrides: Partial<LambdaFunctionURLEvent> = {}): LambdaFunctionURLEvent {
  const base = httpV2Event()
  return {
    ...base,
    headers: { header1: 'value1', header2: 'value1,value2', host: 'url-id.lambda-url.us-west-2.on.aws' },
    requestContext: {
      ...base.requestContext,
      apiId: 'url-id',
      authorizer: {
        iam: { accessKey: 'AKIA', accountId: '111122223333', callerId: 'AIDA', userArn: 'arn', userId: 'AIDA' },
      },
      domainName: 'url-id.lambda-url.us-west-2.on.aws',
      domainPrefix: 'url-id',
      http: { ...base.requestContext.http, sourceIp: '123.123.123.123' },
    },
    body: 'Hello from client!',
    pathParameters: undefined,
    stageVariables: undefined,
    ...overrides,
  } as LambdaFunctionURLEvent
}

export function albEvent(overrides: Partial<ALBEvent> = {}): ALBEvent {
  return {
    requestContext: {
      elb: {
        targetGroupArn:
          'arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/lambda-279XGJDqGZ5rsrHC2Fjr/49e9d65c45c6791a',
      },
    },
    httpMethod: 'GET',
    path: '/lambda',
    queryStringParameters: { query: '1234ABCD' },
    headers: {
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/webp,image/apng,*/*;q=0.8',
      'accept-encoding': 'gzip',
      'accept-language': 'en-US,en;q=0.9',
      connection: 'keep-alive',
      host: 'lambda-alb-123578498.us-east-2.elb.amazonaws.com',
      'upgrade-insecure-requests': '1',
      'user-agent': 'Mozilla/5.0',
      'x-amzn-trace-id': 'Root=1-5c536348-3d683b8b04734faae651f476',
      'x-forwarded-for': '72.12.164.125',
      'x-forwarded-port': '80',
      'x-forwarded-proto': 'http',
      'x-imforwards': '20',
    },
    body: '',
    isBase64Encoded: false,
    ...overrides,
  }
}
