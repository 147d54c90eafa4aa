import { useEffect, useState } from 'react';
import { GraphiQL, type GraphiQLProps } from 'graphiql';

const GRAPHQL_URI = '/graphql';

/** Same-origin requests carry the session cookie: the console acts as the signed-in user. */
const fetcher: GraphiQLProps['fetcher'] = async (params) => {
  const response = await fetch(GRAPHQL_URI, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(params),
  });
  return (await response.json()) as Record<string, unknown>;
};

const DEFAULT_QUERY = `# Bảng truy vấn dữ liệu Kế hoạch 68 (GraphQL).
# Ctrl+Enter: chạy truy vấn. Ctrl+Space: gợi ý trường. Biểu tượng sách bên trái: tài liệu của lược đồ.
# Hướng dẫn đầy đủ cho người phân tích: docs/analysts.md.

query HouseholdsInAVillage {
  _allHouseholdsMeta { count }
  allHouseholds(page: 0, perPage: 10, sortField: "createdAt", sortOrder: "DESC") {
    id
    currentCategories
    povertyOutcome
    village { name }
  }
}
`;

/**
 * NOTE: GraphiQL keeps tabs, queries and answers in the storage it is given. Answers may hold
 * personal data, and office computers are shared: the tab's session storage forgets them when
 * the tab closes, where local storage would keep them.
 */
const storage = window.sessionStorage;

interface Me {
  displayName: string;
  role: string;
}

export const Console = () => {
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  useEffect(() => {
    fetch(GRAPHQL_URI, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Me { me { displayName role } }' }),
    })
      .then((response) => response.json() as Promise<{ data?: { me: Me | null } }>)
      .then((body) => setMe(body.data?.me ?? null))
      .catch(() => setMe(null));
  }, []);

  return (
    <>
      <header className="console-bar">
        <h1>Bảng truy vấn dữ liệu (GraphQL)</h1>
        {me && (
          <span data-testid="console-user">
            {me.displayName} ({me.role})
          </span>
        )}
        <a href="/">Về trang quản trị</a>
      </header>
      <main className="console-main">
        {me === null ? (
          <p role="alert" style={{ padding: '1rem' }}>
            Phiên đăng nhập đã hết hạn. <a href="/#/login">Đăng nhập lại</a> rồi mở lại trang này.
          </p>
        ) : (
          <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} storage={storage} />
        )}
      </main>
    </>
  );
};
