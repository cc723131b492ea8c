package restapi

func (a *API) iamRoutes()      {}
func (a *API) bucketRoutes()   {}
func (a *API) objectRoutes()   {}
func (a *API) jobRoutes()      {}
func (a *API) functionRoutes() {}
func (a *API) eventRoutes()    {}

// Jobs runs and tracks long operations.
type Jobs struct{}
